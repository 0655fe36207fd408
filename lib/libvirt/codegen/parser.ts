// Tokenizer and recursive-descent parser for the RPCL subset used by libvirt's .x
// files: const, enum, struct, union (switch on int), typedef. `%` passthrough lines
// are skipped; `/** ... */` comments are kept so procedure annotations
// (@generate, @priority, @readstream, @writestream) reach the enum members.

export type BaseType =
  | { kind: "prim"; name: "int" | "uint" | "hyper" | "uhyper" | "double" | "float" | "bool" }
  | { kind: "string" }
  | { kind: "opaque" }
  | { kind: "ref"; name: string };

export interface Declaration {
  name: string;
  type: BaseType;
  /** "fixed": name[N]; "var": name<N> or name<>; "optional": *name. */
  shape: "scalar" | "fixed" | "var" | "optional";
  /** Constant name or number literal; undefined for `<>`. */
  size?: string;
}

export interface EnumMember {
  name: string;
  value: string;
  annotations: Record<string, string>;
}

export type Definition =
  | { kind: "const"; name: string; value: string }
  | { kind: "enum"; name: string; members: EnumMember[] }
  | { kind: "struct"; name: string; fields: Declaration[] }
  | { kind: "union"; name: string; discriminant: Declaration; arms: { labels: string[]; decl: Declaration | null }[] }
  | { kind: "typedef"; decl: Declaration };

interface Token {
  kind: "word" | "punct" | "doc";
  text: string;
  line: number;
}

export class ParseError extends Error {}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  while (i < source.length) {
    const c = source[i];
    if (c === "\n") {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === "%" && (i === 0 || source[i - 1] === "\n")) {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      if (end < 0) throw new ParseError(`unterminated comment at line ${line}`);
      const text = source.slice(i, end + 2);
      if (text.startsWith("/**")) tokens.push({ kind: "doc", text, line });
      line += text.split("\n").length - 1;
      i = end + 2;
    } else if (/[A-Za-z0-9_-]/.test(c)) {
      const m = /^-?[A-Za-z0-9_]+/.exec(source.slice(i, i + 200));
      if (!m) throw new ParseError(`bad token at line ${line}`);
      tokens.push({ kind: "word", text: m[0], line });
      i += m[0].length;
    } else {
      tokens.push({ kind: "punct", text: c, line });
      i++;
    }
  }
  return tokens;
}

function parseAnnotations(doc: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of doc.matchAll(/@(\w+)\s*:\s*([^\n*]+)/g)) out[m[1]] = m[2].trim();
  return out;
}

export function parse(source: string): Definition[] {
  const tokens = tokenize(source);
  let pos = 0;
  let pendingDoc = "";

  const peek = (): Token | undefined => {
    while (tokens[pos]?.kind === "doc") pendingDoc = tokens[pos++].text;
    return tokens[pos];
  };
  const next = (): Token => {
    const t = peek();
    if (!t) throw new ParseError("unexpected end of input");
    pos++;
    return t;
  };
  const expect = (text: string): void => {
    const t = next();
    if (t.text !== text) throw new ParseError(`line ${t.line}: expected '${text}', got '${t.text}'`);
  };
  const accept = (text: string): boolean => {
    if (peek()?.text === text) {
      pos++;
      return true;
    }
    return false;
  };
  const word = (): string => {
    const t = next();
    if (t.kind !== "word") throw new ParseError(`line ${t.line}: expected identifier, got '${t.text}'`);
    return t.text;
  };

  const baseType = (): BaseType | null => {
    let w = word();
    if (w === "void") return null;
    let unsigned = false;
    if (w === "unsigned") {
      unsigned = true;
      const t = peek();
      w = t && ["int", "hyper", "char", "short"].includes(t.text) ? word() : "int";
    }
    if (w === "struct" || w === "enum" || w === "union") w = word();
    switch (w) {
      case "int":
      case "char":
      case "short":
        return { kind: "prim", name: unsigned ? "uint" : "int" };
      case "hyper":
        return { kind: "prim", name: unsigned ? "uhyper" : "hyper" };
      case "double":
      case "float":
      case "bool":
        return { kind: "prim", name: w };
      case "string":
        return { kind: "string" };
      case "opaque":
        return { kind: "opaque" };
      default:
        return { kind: "ref", name: w };
    }
  };

  const declaration = (): Declaration | null => {
    const type = baseType();
    if (!type) return null;
    if (accept("*")) return { name: word(), type, shape: "optional" };
    const name = word();
    if (accept("[")) {
      const size = word();
      expect("]");
      return { name, type, shape: "fixed", size };
    }
    if (accept("<")) {
      const size = accept(">") ? undefined : word();
      if (size !== undefined) expect(">");
      return { name, type, shape: "var", size };
    }
    return { name, type, shape: "scalar" };
  };

  const defs: Definition[] = [];
  while (peek()) {
    const kw = word();
    if (kw === "const") {
      const name = word();
      expect("=");
      defs.push({ kind: "const", name, value: word() });
      expect(";");
    } else if (kw === "enum") {
      const name = word();
      expect("{");
      const members: EnumMember[] = [];
      while (!accept("}")) {
        peek();
        const doc = pendingDoc;
        pendingDoc = "";
        const member = word();
        expect("=");
        members.push({ name: member, value: word(), annotations: parseAnnotations(doc) });
        accept(",");
      }
      expect(";");
      defs.push({ kind: "enum", name, members });
    } else if (kw === "struct") {
      const name = word();
      expect("{");
      const fields: Declaration[] = [];
      while (!accept("}")) {
        const d = declaration();
        if (d) fields.push(d);
        expect(";");
      }
      expect(";");
      defs.push({ kind: "struct", name, fields });
    } else if (kw === "union") {
      const name = word();
      expect("switch");
      expect("(");
      const discriminant = declaration();
      if (!discriminant) throw new ParseError(`union ${name}: void discriminant`);
      expect(")");
      expect("{");
      const arms: { labels: string[]; decl: Declaration | null }[] = [];
      while (!accept("}")) {
        const labels: string[] = [];
        for (;;) {
          if (accept("case")) labels.push(word());
          else if (accept("default")) labels.push("default");
          else break;
          expect(":");
        }
        const decl = declaration();
        expect(";");
        arms.push({ labels, decl });
      }
      expect(";");
      defs.push({ kind: "union", name, discriminant, arms });
    } else if (kw === "typedef") {
      const decl = declaration();
      if (!decl) throw new ParseError("typedef void");
      expect(";");
      defs.push({ kind: "typedef", decl });
    } else {
      throw new ParseError(`unexpected '${kw}'`);
    }
  }
  return defs;
}
