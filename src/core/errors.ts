/**
 * The stable error texts scripts see (docs/net.md, "Error texts"), and the
 * one function that turns any thrown value or system error into one of them.
 * Reads only plain fields (`code`, `message`), so it knows nothing of the
 * libraries that raised them.
 */

/** Every fixed error text tickwire hands to scripts. */
export const ERR = {
  connectionRefused: "connection refused",
  connectionReset: "connection reset",
  hostNotFound: "host not found",
  timeout: "timeout",
  notConnected: "not connected",
  closed: "closed",
  sendBufferFull: "send buffer full",
  unknownHandle: "unknown handle",
  invalidPort: "invalid port",
  invalidHost: "invalid host",
  invalidUrl: "invalid url",
  invalidData: "invalid data",
  invalidMethod: "invalid method",
  invalidHeader: "invalid header",
  cancelled: "cancelled",
  responseTooLarge: "response too large",
  messageTooLarge: "message too large",
  addressInUse: "address in use",
  tooManyConnections: "too many connections",
  tooManyRequests: "too many requests",
  tooManyRedirects: "too many redirects",
  runtimeClosed: "runtime closed",
  peerUnresponsive: "peer not responding",
  protocolError: "protocol error",
  invalidOptions: "invalid options",
  invalidBody: "invalid body",
  tcpUnavailable: "tcp not available",
  httpUnavailable: "http not available",
  blockedByPolicy: "blocked by policy",
  rateLimited: "rate limit exceeded",
  networkError: "network error",
  receiveBufferFull: "receive buffer full",
  notInBrowser: "not possible in a browser",
  addressFamily: "address family not supported",
  listenUnsupported: "listening is not supported here",
  badContentEncoding: "bad content encoding",
  backendFailed: "backend failed to load",
  busDisconnected: "bus disconnected",
  invalidTopic: "invalid topic",
  invalidRoom: "invalid room",
  roomOpen: "room already open",
  notFound: "not found",
  /** What a `net` send function returns in the unforeseen case that it throws. */
  failed: "error",
} as const;

/** The error text of a TLS failure: `"tls: <reason>"`. */
export function tlsError(reason: string): string {
  return `tls: ${reason}`;
}

/** A page cannot trust extra CAs: what https: and wss: fail with while `tls.ca` is set in a browser. */
export const CUSTOM_CA_REFUSED = tlsError(`${ERR.notInBrowser}: a custom ca`);

const BY_CODE: Record<string, string> = {
  ECONNREFUSED: ERR.connectionRefused,
  ECONNRESET: ERR.connectionReset,
  EPIPE: ERR.connectionReset,
  ENOTFOUND: ERR.hostNotFound,
  EAI_AGAIN: ERR.hostNotFound,
  EAI_FAIL: ERR.hostNotFound,
  ETIMEDOUT: ERR.timeout,
  UND_ERR_CONNECT_TIMEOUT: ERR.timeout,
  UND_ERR_HEADERS_TIMEOUT: ERR.timeout,
  UND_ERR_BODY_TIMEOUT: ERR.timeout,
  EADDRINUSE: ERR.addressInUse,
  EADDRNOTAVAIL: "address not available",
  EMSGSIZE: ERR.messageTooLarge,
  EAFNOSUPPORT: ERR.addressFamily,
  EACCES: "permission denied",
  ENETUNREACH: "network unreachable",
  EHOSTUNREACH: "host unreachable",
  UND_ERR_SOCKET: ERR.connectionReset,
  UND_ERR_CLOSED: ERR.closed,
  HPE_INVALID_CONSTANT: ERR.protocolError,
  HPE_INVALID_STATUS: ERR.protocolError,
  HPE_INVALID_VERSION: ERR.protocolError,
  HPE_HEADER_OVERFLOW: "headers too large",
  UND_ERR_HEADERS_OVERFLOW: "headers too large",
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: "body length mismatch",
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: "body length mismatch",
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: ERR.messageTooLarge,
};

const TLS_CODE = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL_|HOSTNAME_MISMATCH)/;

/** Maps a thrown value (system, TLS, library or plain error) to a short stable text. */
export function errorText(error: unknown): string {
  if (typeof error === "string") return error;
  if (typeof error !== "object" || error === null) return String(error);
  const { code, message, cause, name } = error as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
  if (typeof code === "string") {
    if (code in BY_CODE) return BY_CODE[code];
    if (TLS_CODE.test(code)) return tlsError(String(message ?? code).toLowerCase());
  }
  if (name === "HTTPParserError") return ERR.protocolError;
  if (cause !== undefined && cause !== error) {
    const inner = errorText(cause);
    if (inner !== ERR.failed) return inner;
  }
  if (typeof message === "string" && message.length > 0) return message.toLowerCase();
  return ERR.failed;
}
