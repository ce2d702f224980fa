/**
 * One connection, TCP or WebSocket, seen the same way by both sides: send a
 * message, turn received events into messages (TCP has no message
 * boundaries, so its text is split into lines), and count messages and bytes.
 */
const net = access("net");
const json = access("json");
const utf8 = new TextEncoder();

/** Traffic counted on one link, or summed over many. */
export interface Traffic {
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
}

/** An empty traffic count. */
export function noTraffic(): Traffic {
  return { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 };
}

/** A connection carrying JSON messages. */
export class Link<In, Out> {
  readonly traffic = noTraffic();
  private partial = "";

  constructor(
    readonly handle: number,
    readonly transport: "tcp" | "ws",
  ) {}

  /** Sends one message; false when the connection refused it (closed, buffer full). */
  send(message: Out): boolean {
    const text = json.encode(message) ?? "null";
    const sent = this.transport === "tcp" ? net.tcp_send(this.handle, `${text}\n`) : net.ws_send(this.handle, text);
    if (sent !== true) return false;
    this.traffic.messagesOut++;
    this.traffic.bytesOut += utf8.encode(text).length + (this.transport === "tcp" ? 1 : 0);
    return true;
  }

  /** The messages in a "data" chunk (TCP) or a "message" (WebSocket). */
  receive(data: string | Uint8Array): In[] {
    if (typeof data !== "string") return [];
    this.traffic.bytesIn += utf8.encode(data).length;
    const texts = this.transport === "ws" ? [data] : this.lines(data);
    const messages: In[] = [];
    for (const text of texts) {
      const message = json.decode(text) as In | undefined;
      if (message !== undefined) messages.push(message);
    }
    this.traffic.messagesIn += messages.length;
    return messages;
  }

  /** Closes the connection. */
  close(): void {
    net.close(this.handle);
  }

  private lines(chunk: string): string[] {
    const parts = (this.partial + chunk).split("\n");
    this.partial = parts.pop() ?? "";
    return parts.filter((line) => line !== "");
  }
}
