-- conecta_ingest: the whole inbound path of one message in one statement (dedupe on the provider id, the contact by
-- its channel identities, the conversation — by thread for email —, the message, and its reaction job). This file
-- is the one definition to read and change: Flyway re-applies it whenever it changes (V2 and V20 hold older copies).
create or replace function conecta_ingest(
  p_inbox_id bigint,
  p_identities jsonb,
  p_name text,
  p_phone text,
  p_email text,
  p_provider_id text,
  p_content_type text,
  p_text text,
  p_attachments jsonb,
  p_content jsonb,
  p_sent_at timestamptz,
  p_reply_to text)
returns table (message_id bigint, conversation_id bigint, contact_id bigint, created boolean, conversation_created boolean)
language plpgsql as $$
#variable_conflict use_column
declare
  v_contact bigint;
  v_winner bigint;
  v_created_contact boolean := false;
  v_conv bigint;
  v_conv_new boolean;
  v_msg bigint;
  v_team bigint;
  v_ident jsonb;
  v_preview text;
  v_thread text;
begin
  if p_provider_id is not null then
    select m.id, m.conversation_id into v_msg, v_conv
      from messages m where m.inbox_id = p_inbox_id and m.provider_message_id = p_provider_id;
    if found then
      return query select v_msg, v_conv, (select c.contact_id from conversations c where c.id = v_conv), false, false;
      return;
    end if;
  end if;

  select ci.contact_id into v_contact
    from jsonb_array_elements(p_identities) with ordinality as x(ident, pos)
    join contact_identities ci on ci.kind = x.ident->>'kind' and ci.value = x.ident->>'value'
    order by x.pos limit 1;

  if v_contact is null then
    insert into contacts (name, phone, email) values (p_name, p_phone, lower(p_email)) returning id into v_contact;
    v_created_contact := true;
  elsif p_name is not null or p_phone is not null or p_email is not null then
    update contacts c set name = coalesce(c.name, p_name), phone = coalesce(c.phone, p_phone),
        email = coalesce(c.email, lower(p_email)), updated_at = now()
      where c.id = v_contact
        and ((c.name is null and p_name is not null) or (c.phone is null and p_phone is not null)
          or (c.email is null and p_email is not null));
  end if;

  for v_ident in select * from jsonb_array_elements(p_identities) loop
    insert into contact_identities (contact_id, kind, value)
      values (v_contact, v_ident->>'kind', v_ident->>'value')
      on conflict (kind, value) do nothing;
  end loop;

  -- A concurrent transaction may have created the same person first: theirs wins, ours is removed.
  select ci.contact_id into v_winner from contact_identities ci
    where ci.kind = p_identities->0->>'kind' and ci.value = p_identities->0->>'value';
  if v_winner is distinct from v_contact then
    if v_created_contact then
      delete from contact_identities where contact_identities.contact_id = v_contact;
      delete from contacts where id = v_contact;
    end if;
    v_contact := v_winner;
  end if;

  select i.team_id into v_team from inboxes i where i.id = p_inbox_id;
  v_preview := left(coalesce(nullif(p_text, ''), '[' || p_content_type || ']'), 200);

  -- Email: a reply joins the thread of the message it answers (In-Reply-To/References first, then the reply token
  -- of ours it quotes); anything else starts its own thread, so a new subject opens a new conversation.
  if p_content ? 'thread' and (select i.channel from inboxes i where i.id = p_inbox_id) = 'email' then
    select c.thread_key into v_thread
      from messages m join conversations c on c.id = m.conversation_id
      where m.inbox_id = p_inbox_id and c.thread_key is not null
        and m.provider_message_id in (select jsonb_array_elements_text(coalesce(p_content->'thread'->'refs', '[]')))
      order by m.id desc limit 1;
    if v_thread is null and p_content->'thread'->>'replyToken' is not null then
      select c.thread_key into v_thread
        from email_reply_tokens t join conversations c on c.id = t.conversation_id
        where t.token = p_content->'thread'->>'replyToken' and c.inbox_id = p_inbox_id;
    end if;
    v_thread := coalesce(v_thread, p_provider_id, 'thread:' || gen_random_uuid());
    v_preview := left(coalesce(nullif(p_content->>'preview', ''), v_preview), 200);
  end if;

  if v_thread is null then
    insert into conversations as c (inbox_id, contact_id, team_id, last_inbound_at, last_activity_at,
                                    last_message_preview, unread_count)
      values (p_inbox_id, v_contact, v_team, coalesce(p_sent_at, now()), now(), v_preview, 1)
      on conflict (inbox_id, contact_id) where status <> 'resolved' and thread_key is null
      do update set status = case when c.status = 'snoozed' then 'open' else c.status end,
                    snoozed_until = case when c.status = 'snoozed' then null else c.snoozed_until end,
                    last_inbound_at = greatest(c.last_inbound_at, excluded.last_inbound_at),
                    last_activity_at = now(),
                    last_message_preview = excluded.last_message_preview,
                    unread_count = c.unread_count + 1
      returning c.id, (c.xmax = 0) into v_conv, v_conv_new;
  else
    insert into conversations as c (inbox_id, contact_id, team_id, last_inbound_at, last_activity_at,
                                    last_message_preview, unread_count, thread_key)
      values (p_inbox_id, v_contact, v_team, coalesce(p_sent_at, now()), now(), v_preview, 1, v_thread)
      on conflict (inbox_id, contact_id, thread_key) where status <> 'resolved' and thread_key is not null
      do update set status = case when c.status = 'snoozed' then 'open' else c.status end,
                    snoozed_until = case when c.status = 'snoozed' then null else c.snoozed_until end,
                    last_inbound_at = greatest(c.last_inbound_at, excluded.last_inbound_at),
                    last_activity_at = now(),
                    last_message_preview = excluded.last_message_preview,
                    unread_count = c.unread_count + 1
      returning c.id, (c.xmax = 0) into v_conv, v_conv_new;
  end if;

  insert into messages (conversation_id, inbox_id, direction, sender_kind, content_type, text, attachments,
                        content, provider_message_id, reply_to_provider_id, sent_at)
    values (v_conv, p_inbox_id, 'in', 'contact', p_content_type, p_text, coalesce(p_attachments, '[]'),
            coalesce(p_content, '{}'), p_provider_id, p_reply_to, coalesce(p_sent_at, now()))
    on conflict (inbox_id, provider_message_id) where provider_message_id is not null do nothing
    returning id into v_msg;

  if v_msg is null then
    -- The same delivery committed concurrently: undo our unread bump and answer like a repeat.
    update conversations set unread_count = greatest(unread_count - 1, 0) where id = v_conv;
    select m.id into v_msg from messages m where m.inbox_id = p_inbox_id and m.provider_message_id = p_provider_id;
    return query select v_msg, v_conv, v_contact, false, false;
    return;
  end if;

  -- What reacts to the message is durable work in the same transaction: acknowledged means it will happen.
  insert into reaction_jobs (message_id, conversation_created) values (v_msg, v_conv_new);

  return query select v_msg, v_conv, v_contact, true, v_conv_new;
end
$$;
