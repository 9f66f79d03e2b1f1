-- Transfers module: what the support console needs.
-- 1. When a transfer entered needs_attention, for the queue's "oldest first" and "waiting since".
--    updated_at cannot tell (an escalation touches it too). A trigger sets it on every entry into
--    needs_attention, whichever activity writes the status, so no writer can forget it.
ALTER TABLE transfers.transfers ADD COLUMN needs_attention_since timestamptz;
UPDATE transfers.transfers SET needs_attention_since = updated_at WHERE status = 'needs_attention';

CREATE FUNCTION transfers.stamp_needs_attention_since() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'needs_attention' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'needs_attention') THEN
    NEW.needs_attention_since := now();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER transfers_needs_attention_since BEFORE INSERT OR UPDATE OF status ON transfers.transfers
  FOR EACH ROW EXECUTE FUNCTION transfers.stamp_needs_attention_since();

-- The queue's order: escalated first, then oldest first (keyset-paged).
CREATE INDEX transfers_attention_queue_idx ON transfers.transfers ((escalated_at IS NULL), needs_attention_since, id) WHERE status = 'needs_attention';

-- 2. The note a staff member gives with a retry or cancel (required by the API; null for the
--    system's automatic re-presentments and for actions taken before notes existed).
ALTER TABLE transfers.staff_actions ADD COLUMN note text;
