package com.conecta.hub.commerce.erp;

import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * Invoices and orders the ERP pushes, upserted by its external id. An order that changes status runs the reminder
 * pass at once, so the customer hears of it in seconds rather than at the next pass.
 */
public record ErpService(ErpStore store, Runnable remindNow) {
  /** Who an ERP record belongs to: a contact id, or a customer phone (made into a contact if new). */
  public record Customer(Long contactId, String phoneDigits, String name) {}

  private Future<Long> contact(SqlConnection conn, Customer c) {
    if (c.contactId() != null) {
      return Future.succeededFuture(c.contactId());
    }
    if (c.phoneDigits() == null) {
      return Future.failedFuture(ApiError.missing("contact.phone"));
    }
    return store.contactByPhone(conn, c.phoneDigits(), c.name());
  }

  public Future<JsonObject> upsertInvoice(Customer customer, ErpStore.Invoice invoice) {
    return store.pool().withTransaction(conn -> contact(conn, customer).compose(id -> store.upsertInvoice(conn,
        new ErpStore.Invoice(invoice.externalId(), invoice.accountId(), id, invoice.number(), invoice.amount(),
            invoice.currency(), invoice.issuedAt(), invoice.dueDate(), invoice.status()))))
        .recover(ErpService::refs);
  }

  public Future<JsonObject> pay(long id) {
    return store.pay(id).compose(i -> i == null
        ? Future.failedFuture(ApiError.conflict("not_open", "invoice " + id + " does not exist or is not open"))
        : Future.succeededFuture(i));
  }

  public Future<JsonObject> upsertOrder(Customer customer, ErpStore.Order order) {
    return store.pool().withTransaction(conn -> contact(conn, customer).compose(id -> store.upsertOrder(conn,
            new ErpStore.Order(order.externalId(), id, order.accountId(), order.number(), order.items(), order.total(),
                order.currency(), order.deliveryMethod(), order.carrier(), order.tracking(), order.status(),
                order.scheduledDelivery(), order.deliveryWindow()))))
        .recover(ErpService::refs)
        .onSuccess(o -> remindNow.run());
  }

  /** Agents see the invoices of the contacts and accounts their teams work with, like the CRM's records. */
  public Future<List<JsonObject>> invoices(com.conecta.hub.foundation.auth.Principal p, String status, Long contactId, Long beforeId,
      int limit) {
    boolean agent = p.role() == com.conecta.hub.foundation.auth.Role.AGENT;
    return store.invoices(status, contactId, beforeId, limit, agent ? p.userId() : null, agent ? agentInboxes(p) : null);
  }

  /** 404 for an account the agent may not see, as for the CRM's own records. */
  public Future<JsonObject> aging(com.conecta.hub.foundation.auth.Principal p, long accountId) {
    boolean agent = p.role() == com.conecta.hub.foundation.auth.Role.AGENT;
    return store.accountVisible(accountId, agent ? p.userId() : null, agent ? agentInboxes(p) : null)
        .compose(ok -> ok ? store.aging(accountId)
            : Future.failedFuture(com.conecta.hub.foundation.web.ApiError.notFound("account " + accountId)));
  }

  private static Long[] agentInboxes(com.conecta.hub.foundation.auth.Principal p) {
    Long[] inboxes = p.inboxFilter();
    return inboxes == null ? new Long[0] : inboxes;
  }

  private static <T> Future<T> refs(Throwable e) {
    if (com.conecta.hub.foundation.platform.PgErrors.isMissingReference(e)) {
      return Future.failedFuture(ApiError.invalid(String.valueOf(e.getMessage()).contains("account") ? "accountId" : "contactId",
          "points to no existing record"));
    }
    return Future.failedFuture(e);
  }
}
