-- Accounts module: staff management by operators. Who did each staff action is recorded (an
-- operator, or the CLI), and whether a member has proven their authenticator works.
ALTER TABLE accounts.staff_events ADD COLUMN actor text;   -- 'staff:<id>', 'system:staff-cli'; null for the member's own sign-ins
-- Set at the first sign-in with a code from the current secret (enrolment); cleared by a TOTP reset.
ALTER TABLE accounts.staff ADD COLUMN totp_enrolled_at timestamptz;
UPDATE accounts.staff s
   SET totp_enrolled_at = (SELECT min(e.at) FROM accounts.staff_events e WHERE e.staff_id = s.id AND e.type = 'staff.login');
CREATE INDEX staff_events_staff_idx ON accounts.staff_events (staff_id, id);
