// Names for exported files (pure): "inc-42-checkout-errors-v2.md", ASCII only so every
// browser and mail client keeps it.
export function exportFilename(
  v: { number: number; snapshot: { incident: { number: number; title: string } } },
  ext: "md" | "json",
  customer = false,
) {
  const slug = v.snapshot.incident.title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
  return `inc-${v.snapshot.incident.number}${slug ? `-${slug}` : ""}-v${v.number}${customer ? "-customer" : ""}.${ext}`;
}
