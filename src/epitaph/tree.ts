/**
 * Loads a script tree from its entry: parses each reachable file once,
 * follows `access "name"` imports (a path relative to the script root, `.ep`
 * added), reports missing files and import cycles, orders files so that each
 * comes after the files it accesses, and declares every sector's module-level
 * variables (top-level `let`) and phases, reporting duplicates. A file with
 * no `sector` line belongs to sector `game` when it is the entry, else to the
 * sector named by its base name.
 */
import type { Access, FileAst } from "./ast.js";
import type { EpitaphDiagnostic } from "./errors.js";
import { Names, type SectorInfo, type Unit } from "./layout.js";
import { parseFile } from "./parser.js";
import { moduleSpec } from "./modules/index.js";

/** Resolves the text of `access "name"` to a key of the tree; undefined when it leaves the root. */
export function importPath(name: string): string | undefined {
  const parts = name.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length === 0 || parts.includes("..")) return undefined;
  const path = parts.join("/");
  return path.endsWith(".ep") ? path : `${path}.ep`;
}

/** The default sector of a file without a `sector` line. */
function defaultSector(file: string, entry: string): string {
  return file === entry ? "game" : (file.split("/").pop() ?? file).replace(/\.ep$/, "");
}

/** Parses and orders every file reachable from `entry`; problems go to `diags`. */
export function loadTree(
  files: ReadonlyMap<string, string>,
  entry: string,
  names: Names,
  diags: EpitaphDiagnostic[],
): Unit[] {
  const asts = new Map<string, FileAst>();
  const order: string[] = [];
  const visiting: string[] = [];
  const visit = (file: string): void => {
    if (asts.has(file)) return;
    const ast = parseFile(file, files.get(file) ?? "", diags);
    asts.set(file, ast);
    visiting.push(file);
    for (const a of ast.accesses) {
      const target = a.kind === "file" ? checkImport(a, file, files, visiting, diags) : undefined;
      if (target !== undefined) visit(target);
    }
    visiting.pop();
    order.push(file);
  };
  visit(entry);
  const sectors = new Map<string, SectorInfo>();
  const units = order.map((file, index) => makeUnit(index, asts.get(file)!, entry, sectors, names, diags));
  for (const u of units) linkSectors(u, units, diags);
  return units;
}

function checkImport(
  a: Extract<Access, { kind: "file" }>,
  from: string,
  files: ReadonlyMap<string, string>,
  visiting: string[],
  diags: EpitaphDiagnostic[],
): string | undefined {
  const at = { file: from, line: a.line, col: a.col };
  const target = importPath(a.path);
  if (target === undefined) {
    diags.push({ ...at, message: `access "${a.path}": expected a path inside the script root` });
  } else if (!files.has(target)) {
    diags.push({ ...at, message: `access "${a.path}": expected a file ${target} in the script tree, found none` });
  } else if (visiting.includes(target)) {
    const cycle = [...visiting.slice(visiting.indexOf(target)), target].join(" -> ");
    diags.push({ ...at, message: `access "${a.path}": import cycle ${cycle}` });
  } else {
    return target;
  }
  return undefined;
}

function makeUnit(
  index: number,
  ast: FileAst,
  entry: string,
  sectors: Map<string, SectorInfo>,
  names: Names,
  diags: EpitaphDiagnostic[],
): Unit {
  const name = ast.sector ?? defaultSector(ast.file, entry);
  let sector = sectors.get(name);
  if (!sector) sectors.set(name, (sector = { name, globals: new Map(), phases: new Map() }));
  const unit: Unit = { index, file: ast.file, ast, sector, modules: new Map(), sectors: new Map([[name, sector]]) };
  const clash = (what: string, line: number, col: number): boolean => {
    const prior = sector.globals.get(what) ?? sector.phases.get(what);
    if (prior) diags.push({ file: ast.file, line, col, message: `"${what}" is already declared in sector ${name} at ${prior.file}:${prior.line}` });
    return prior !== undefined;
  };
  for (const s of ast.statements) {
    if (s.kind === "let" && !clash(s.name, s.line, s.col)) {
      sector.globals.set(s.name, { js: names.fresh("g", s.name), file: ast.file, line: s.line });
    }
  }
  for (const p of ast.phases) {
    if (!clash(p.name, p.line, p.col)) {
      sector.phases.set(p.name, { js: names.fresh("p", p.name), file: ast.file, line: p.line, params: p.params.length });
    }
  }
  for (const a of ast.accesses) {
    if (a.kind === "module" && !unit.modules.has(a.name)) {
      unit.modules.set(a.name, { js: names.fresh("m", a.name), spec: moduleSpec(a.name), pos: a });
    }
  }
  return unit;
}

/** Makes the sectors of the files `u` accesses visible in `u` by name. */
function linkSectors(u: Unit, units: Unit[], diags: EpitaphDiagnostic[]): void {
  for (const a of u.ast.accesses) {
    const target = a.kind === "file" ? importPath(a.path) : undefined;
    const dep = units.find((x) => x.file === target);
    if (!dep || dep.sector === u.sector) continue;
    if (u.modules.has(dep.sector.name)) {
      diags.push({ file: u.file, line: a.line, col: a.col, message: `sector ${dep.sector.name} has the same name as the module accessed with access <${dep.sector.name}>` });
    }
    u.sectors.set(dep.sector.name, dep.sector);
  }
}
