// "1 incident", "2 incidents": a count with its noun in the right number (English only).
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}
