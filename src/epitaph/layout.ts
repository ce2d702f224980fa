/**
 * The shape of a compiled program, shared by the tree loader and the code
 * generator: sectors (namespaces holding module-level variables and phases,
 * merged across every file that declares the same sector), and units (one
 * loaded file with its module bindings and the sectors it can see). Each
 * declared thing gets a unique JavaScript name here, made from a counter so
 * no Epitaph name can collide with another or with generated helpers.
 */
import type { FileAst, Pos } from "./ast.js";
import type { ModuleSpec } from "./modules/index.js";

/** A declared variable or phase: its JavaScript name and where it was declared. */
export interface Declared {
  /** The JavaScript name in generated code. */
  js: string;
  file: string;
  line: number;
}

/** A declared phase and its parameter count. */
export interface PhaseDecl extends Declared {
  params: number;
}

/** A sector: every module-level variable and phase declared in it, by name. */
export interface SectorInfo {
  name: string;
  globals: Map<string, Declared>;
  phases: Map<string, PhaseDecl>;
}

/** A module bound in one file by `access <name>`. */
export interface ModuleBinding {
  js: string;
  /** A standard module (built by the front end): gets Epitaph values unconverted, and its calls are checked. */
  spec: ModuleSpec | undefined;
  /** Where the first `access <name>` of this file is. */
  pos: Pos;
}

/** One loaded file. Units are ordered so that every file comes after the files it accesses. */
export interface Unit {
  index: number;
  file: string;
  ast: FileAst;
  sector: SectorInfo;
  modules: Map<string, ModuleBinding>;
  /** Sectors reachable by name from this file: its own and those of the files it accesses. */
  sectors: Map<string, SectorInfo>;
}

/** Hands out unique JavaScript names. */
export class Names {
  private n = 0;
  /** A fresh name `prefix<n>_<hint>`. */
  fresh(prefix: string, hint: string): string {
    return `${prefix}${this.n++}_${hint}`;
  }
}
