package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.customers.crm.CrudExtension;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import java.util.List;

/**
 * The contacts list's {@code label} filter: a contact's own labels (imported lists come tagged) or a label on one of
 * its conversations, as campaign segments read labels.
 */
public final class ContactLabelFilter implements CrudExtension {
  @Override
  public Future<Condition> filter(String param, String value) {
    if (!"label".equals(param)) {
      return null;
    }
    String label = value == null ? "" : value.strip();
    if (label.isEmpty() || label.length() > 50) {
      return Future.failedFuture(ApiError.badRequest("invalid_parameter", "'label' is a label of 1 to 50 characters",
          "label"));
    }
    return Future.succeededFuture(new Condition("t.labels @> array[$1]::text[] or exists (select 1 from conversations "
        + "cv where cv.contact_id = t.id and cv.labels @> array[$1]::text[])", List.of(label)));
  }
}
