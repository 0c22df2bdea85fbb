-- An email is queued with its message's data and rendered once the change that queued it has
-- committed (or by its delivery job, whichever comes first): rendering a staff-written
-- template never runs inside that transaction, so it never holds its row locks. message is
-- NULL once the subject and bodies are written. Text (JSON, written and read by mail.EncodeMessage).
ALTER TABLE emails ADD COLUMN message text;
