// Integration-test fixtures for sharing: a published report version straight in the database.
import { composeReport, reportTitle } from "@/lib/reports/snapshot";
import { sampleSource } from "@/lib/reports/test-fixtures";
import { reportSearchSections } from "@/lib/search/report-text";
import { testDb } from "@/test/factory";

export async function publishReport(
  incident: { id: string; number: number; title: string },
  publishedById: string,
) {
  const report = await testDb.report.upsert({
    where: { incidentId: incident.id },
    create: { incidentId: incident.id, status: "PUBLISHED" },
    update: { status: "PUBLISHED" },
  });
  const number = (await testDb.reportVersion.count({ where: { reportId: report.id } })) + 1;
  const base = sampleSource();
  const snapshot = composeReport({
    ...base,
    incident: {
      ...base.incident,
      id: incident.id,
      number: incident.number,
      title: incident.title,
      summary: "Checkout returned errors for 40 minutes.",
    },
    publication: { number, publishedAt: new Date(), publishedBy: "Test Publisher" },
  });
  return testDb.reportVersion.create({
    data: {
      reportId: report.id,
      number,
      snapshot: snapshot as object,
      title: reportTitle(incident.number, incident.title),
      publishedById,
      // As publishing does: the section text search finds.
      sections: { create: reportSearchSections(snapshot) },
    },
  });
}
