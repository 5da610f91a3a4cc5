// Where a stored report points at an attachment (pure). The report is rendered once at publish
// with the team's address, /api/attachments/<id>, which members and portal readers use; a share
// link's pages rewrite it to the link's own route, since their readers have no session.
const TEAM_URL = /(src|href)="\/api\/attachments\/([A-Za-z0-9_-]{1,64})"/g;

export function attachmentPath(id: string): string {
  return `/api/attachments/${encodeURIComponent(id)}`;
}

export function hasTeamFileUrls(html: string): boolean {
  return html.includes('="/api/attachments/');
}

/** The report HTML as a share link serves it: every attachment address under /r/<token>/files/. */
export function withShareLinkFiles(html: string, token: string): string {
  const base = `/r/${encodeURIComponent(token)}/files/`;
  return html.replace(TEAM_URL, (_m, attr: string, id: string) => `${attr}="${base}${id}"`);
}
