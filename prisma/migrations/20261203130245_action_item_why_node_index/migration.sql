-- The countermeasures of a 5 Whys node by the node: the dashboard's "root causes without a
-- countermeasure" probed ActionItem per root cause with no index (a sequential scan of every
-- action item each time: /insights past the 15 s statement timeout at 100,000 incidents).
-- CreateIndex
CREATE INDEX "ActionItem_whyNodeId_idx" ON "ActionItem"("whyNodeId");
