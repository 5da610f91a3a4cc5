// Series colours for the charts: distinguishable, and dark enough against white (WCAG 1.4.11).
export const SERIES_COLORS = [
  "#b91c1c",
  "#c2410c",
  "#a16207",
  "#475569",
  "#1d4ed8",
  "#047857",
  "#7c3aed",
  "#be185d",
  "#0e7490",
  "#4d7c0f",
];
