-- A person's public message in a conversation (a reply, a template, an email answer: whatever path writes it) ends the
-- bot's session there, in the same transaction: the bot never talks over a person, and every count of "with the bot"
-- stops at once. Private notes do not end it: the customer does not see them.
create function conecta_person_ends_bot() returns trigger language plpgsql as $$
begin
  update bot_sessions set status = 'handed_off', handoff_reason = 'person_replied', updated_at = now()
  where conversation_id = new.conversation_id and status = 'active';
  return null;
end $$;
create trigger messages_person_ends_bot after insert on messages for each row
  when (new.sender_kind = 'agent' and new.direction = 'out' and not new.private)
  execute function conecta_person_ends_bot();
