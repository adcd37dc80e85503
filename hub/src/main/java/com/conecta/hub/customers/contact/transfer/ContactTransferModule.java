package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.customers.crm.CrudService;
import com.conecta.hub.customers.customfield.CustomFieldService;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * Contact import and export (issue 25): the routes, the label filter it adds to the contacts list, and the import
 * worker this node runs in the background.
 */
public record ContactTransferModule(ContactTransferRoutes routes, ImportWorker worker,
    ContactTransferSettings settings) {
  public static ContactTransferModule create(Vertx vertx, Pool pool, ContactTransferSettings settings,
      CrudService contacts, CustomFieldService customFields, String nodeId) {
    ImportJobStore store = new ImportJobStore(pool);
    ImportService imports = new ImportService(vertx, store, customFields, settings, new AuditLog());
    ContactExportService exports = new ContactExportService(contacts, new ContactExportStore(pool), customFields,
        new AuditLog());
    return new ContactTransferModule(new ContactTransferRoutes(imports, exports),
        new ImportWorker(vertx, store, customFields, settings, nodeId), settings);
  }

  /** The contacts list's label filter ({@code ?label=}), which the contacts' CRM service is built with. */
  public static com.conecta.hub.customers.crm.CrudExtension labelFilter() {
    return new ContactLabelFilter();
  }

  public void register(RouteTable table) {
    routes.register(table);
  }

  /** The import worker as this node's background verticle (none when the node does not run imports). */
  public List<java.util.function.Supplier<BackgroundVerticle>> background() {
    return settings.worker() ? List.of(() -> new BackgroundVerticle("contact import", List.of(
        new BackgroundVerticle.Worker("contact import", worker::start, worker::stop)), List.of())) : List.of();
  }
}
