// React elements → static HTML, for components that have no hooks, no client components and no
// async parts (the report view). React's own renderer (react-dom/server) refuses to load in the
// server-component layer, where publishing and the stakeholder route handlers run, and loading a
// second React there would double the memory for one pure function; so this small serializer
// renders the element tree itself. Text and attribute values are escaped as React escapes them.
import { Fragment, isValidElement, type ReactNode } from "react";
import { escapeHtml } from "@/lib/html/escape";

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
// React writes props under their own names except these (HTML is case-insensitive: dateTime works).
const ATTRIBUTE_NAMES: Record<string, string> = {
  className: "class",
  htmlFor: "for",
  httpEquiv: "http-equiv",
  acceptCharset: "accept-charset",
  tabIndex: "tabindex",
};
const SKIP = new Set([
  "children",
  "key",
  "ref",
  "dangerouslySetInnerHTML",
  "suppressHydrationWarning",
  "suppressContentEditableWarning",
]);
const BOOLEAN = new Set([
  "hidden",
  "disabled",
  "checked",
  "selected",
  "open",
  "required",
  "readOnly",
  "multiple",
  "autoFocus",
  "reversed",
]);

function styleText(style: Record<string, string | number | null | undefined>): string {
  return Object.entries(style)
    .filter(([, v]) => v != null && v !== "")
    .map(
      ([k, v]) =>
        `${k.startsWith("--") ? k : k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${v}`,
    )
    .join(";");
}

function attributes(props: Record<string, unknown>): string {
  let out = "";
  for (const [name, value] of Object.entries(props)) {
    if (SKIP.has(name) || value == null || typeof value === "function" || /^on[A-Z]/.test(name))
      continue;
    const attr = ATTRIBUTE_NAMES[name] ?? name;
    if (BOOLEAN.has(name)) {
      if (value) out += ` ${attr}=""`;
      continue;
    }
    if (typeof value === "boolean" && !name.startsWith("aria-") && !name.startsWith("data-"))
      continue;
    const text =
      name === "style" && typeof value === "object"
        ? styleText(value as Record<string, string>)
        : String(value);
    out += ` ${attr}="${escapeHtml(text)}"`;
  }
  return out;
}

/**
 * Static HTML of `node`. Throws on anything that needs React's runtime (hooks, client
 * components, async components, context), so a static view that grows an interactive part
 * fails loudly in tests instead of rendering half.
 */
export function renderStaticMarkup(node: ReactNode): string {
  if (node == null || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeHtml(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(renderStaticMarkup).join("");
  if (!isValidElement(node))
    throw new Error(`renderStaticMarkup: cannot render ${Object.prototype.toString.call(node)}`);
  const { type } = node;
  const props = node.props as Record<string, unknown> & { children?: ReactNode };
  if (type === Fragment) return renderStaticMarkup(props.children);
  if (typeof type === "function") {
    if ((type as { $$typeof?: symbol }).$$typeof === Symbol.for("react.client.reference"))
      throw new Error("renderStaticMarkup: client components cannot be rendered statically");
    const out = (type as (p: unknown) => ReactNode)(props);
    if (out && typeof (out as Promise<unknown>).then === "function")
      throw new Error("renderStaticMarkup: async components cannot be rendered statically");
    return renderStaticMarkup(out);
  }
  if (typeof type !== "string")
    throw new Error(
      "renderStaticMarkup: only host elements and plain function components are supported",
    );
  if (VOID.has(type)) return `<${type}${attributes(props)}/>`;
  const open = `<${type}${attributes(props)}>`;
  const inner =
    (props.dangerouslySetInnerHTML as { __html?: string } | undefined)?.__html ??
    renderStaticMarkup(props.children);
  return `${open}${inner}</${type}>`;
}
