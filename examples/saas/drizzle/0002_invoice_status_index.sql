CREATE INDEX "invoices_org_status_idx" ON "invoices" USING btree ("organization_id","status");
