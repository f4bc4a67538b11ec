-- A kept form belongs to the member whose session had just ended, and only they get it back:
-- forms posted by someone never signed in are no longer kept (anyone could plant one for an
-- admin to send). The ones kept without an owner go.
DELETE FROM staff_drafts WHERE staff_id IS NULL;
ALTER TABLE staff_drafts ALTER COLUMN staff_id SET NOT NULL;
CREATE INDEX staff_drafts_staff_id_idx ON staff_drafts (staff_id, created_at);
