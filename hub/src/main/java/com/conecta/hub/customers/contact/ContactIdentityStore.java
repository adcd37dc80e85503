package com.conecta.hub.customers.contact;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** SQL of a contact's channel addresses that the CRM adds (the ingest adds the ones customers write from). */
public record ContactIdentityStore(Pool pool) {
  /** The same rule as the backfill of V112: digits of the phone, 8 or more, not taken, not a hub user's phone. */
  private static final String WHATSAPP_FROM_PHONE = """
      insert into contact_identities (contact_id, kind, value)
      select ct.id, 'whatsapp', d.digits
      from contacts ct cross join lateral (select regexp_replace(ct.phone, '[^0-9]', '', 'g') as digits) d
      where ct.id = $1 and length(d.digits) >= 8 and ct.merged_into_id is null
        and not exists (select 1 from users u where u.phone is not null
                        and regexp_replace(u.phone, '[^0-9]', '', 'g') = d.digits)
      on conflict (kind, value) do nothing""";

  public Future<Void> whatsAppFromPhone(long contactId) {
    return pool.preparedQuery(WHATSAPP_FROM_PHONE).execute(Tuple.of(contactId)).mapEmpty();
  }
}
