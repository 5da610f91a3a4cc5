// One answer for unknown, expired and revoked links alike: no hint which it was.
export default function SharedLinkNotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">This link is not available</h1>
      <p className="mt-2 text-slate-700">
        The link may be mistyped, or it has expired or been revoked. Ask the person who shared the
        report with you for a new link.
      </p>
    </div>
  );
}
