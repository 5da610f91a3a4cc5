-- One naming scheme for audit actions (lower snake_case, area.verb): rows written under the
-- old camelCase names get the new ones. Data only; lib/audit/schema.ts LEGACY_ACTION_NAMES maps
-- the same names when reading, for rows an older instance writes during a rolling deploy.
UPDATE "AuditEvent" SET "action" = CASE "action"
  WHEN 'incident.problemStatement' THEN 'incident.problem_statement'
  WHEN 'whyNode.create' THEN 'why_node.create'
  WHEN 'whyNode.update' THEN 'why_node.update'
  WHEN 'whyNode.markRootCause' THEN 'why_node.mark_root_cause'
  WHEN 'whyNode.unmarkRootCause' THEN 'why_node.unmark_root_cause'
  WHEN 'whyNode.move' THEN 'why_node.move'
  WHEN 'whyNode.reorder' THEN 'why_node.reorder'
  WHEN 'whyNode.delete' THEN 'why_node.delete'
  WHEN 'whyNode.restore' THEN 'why_node.restore'
  WHEN 'whyNode.cite' THEN 'why_node.cite'
  WHEN 'whyNode.uncite' THEN 'why_node.uncite'
  WHEN 'apiToken.create' THEN 'api_token.create'
  WHEN 'apiToken.revoke' THEN 'api_token.revoke'
  WHEN 'alertSource.create' THEN 'alert_source.create'
  WHEN 'alertSource.update' THEN 'alert_source.update'
  WHEN 'alertSource.revoke' THEN 'alert_source.revoke'
  ELSE "action" END
WHERE "action" IN ('incident.problemStatement', 'whyNode.create', 'whyNode.update', 'whyNode.markRootCause', 'whyNode.unmarkRootCause', 'whyNode.move', 'whyNode.reorder', 'whyNode.delete', 'whyNode.restore', 'whyNode.cite', 'whyNode.uncite', 'apiToken.create', 'apiToken.revoke', 'alertSource.create', 'alertSource.update', 'alertSource.revoke');
