// Browser-side downloads of the cause diagram: the drawn <svg> element serialized as a
// standalone SVG file, and the same SVG painted onto a canvas for a PNG. The SVG carries every
// style inline (cause-diagram-svg.tsx), so the file looks the same outside the app.

/** The element as a standalone SVG document (without the page's sizing styles). */
export function svgDocument(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.removeAttribute("class");
  copy.style.removeProperty("width");
  copy.style.removeProperty("height");
  copy.style.removeProperty("max-width");
  copy.style.removeProperty("min-width");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSvg(svg: SVGSVGElement, filename: string) {
  save(new Blob([svgDocument(svg)], { type: "image/svg+xml" }), filename);
}

/** Twice the diagram's size (sharp on high-density screens and in slides), white background. */
export async function downloadPng(svg: SVGSVGElement, filename: string, scale = 2) {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const image = new Image();
  image.decoding = "async";
  // A data: URL (not blob:) keeps the canvas untainted in every browser.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgDocument(svg))}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw images.");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("The PNG could not be created.");
  save(blob, filename);
}
