package com.conecta.hub.customers;

import com.conecta.hub.commerce.sales.SalesSettings;
import com.conecta.hub.customers.activity.ActivityRoutes;
import com.conecta.hub.customers.activity.ActivityService;
import com.conecta.hub.customers.activity.ActivityStore;
import com.conecta.hub.customers.contact.ContactIdentityStore;
import com.conecta.hub.customers.contact.ContactMergeService;
import com.conecta.hub.customers.contact.ContactMergeStore;
import com.conecta.hub.customers.contact.ContactRoutes;
import com.conecta.hub.customers.contact.PhoneIsWhatsAppAddress;
import com.conecta.hub.customers.contact.transfer.ContactTransferModule;
import com.conecta.hub.customers.contact.transfer.ContactTransferSettings;
import com.conecta.hub.customers.crm.CrmResources;
import com.conecta.hub.customers.crm.CrudExtension;
import com.conecta.hub.customers.crm.CrudRoutes;
import com.conecta.hub.customers.crm.CrudService;
import com.conecta.hub.customers.crm.CrudStore;
import com.conecta.hub.customers.crm.ResourceSpec;
import com.conecta.hub.customers.crm.account.AccountTaxIds;
import com.conecta.hub.customers.customfield.CustomFieldRoutes;
import com.conecta.hub.customers.customfield.CustomFieldService;
import com.conecta.hub.customers.customfield.CustomFieldStore;
import com.conecta.hub.customers.ticket.TicketDueTimes;
import com.conecta.hub.customers.ticket.TicketStore;
import com.conecta.hub.fieldservice.service.WorkSettings;
import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.runtime.NodeResources;
import com.conecta.hub.foundation.runtime.RouteSteps;
import com.conecta.hub.operations.OperationsModule;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CRM: contacts (merge, import and export), accounts, leads, tickets with their due times, custom fields, and
 * activities with their reminders and the calendar field service plans visits in.
 */
public final class CustomersModule {
  private final NodeResources node;
  private final WorkSettings work;
  private final CustomFieldService customFields;
  private final TicketDueTimes ticketDue;
  /** The CRM resources' services by path, in CrmResources' order (their routes are registered in it). */
  private final Map<String, CrudService> crm = new LinkedHashMap<>();
  private final ContactTransferModule contactTransfer;
  private final ActivityStore calendar;
  private final ActivityService activities;

  public CustomersModule(NodeResources node, OperationsModule operations) {
    this.work = WorkSettings.from(node.config().raw());
    this.node = node;
    this.customFields = new CustomFieldService(new CustomFieldStore(node.pool()));
    this.ticketDue = new TicketDueTimes(new TicketStore(node.pool()), operations.notifications(),
        work.ticketDueHours());
    // What other features add to a resource: its custom fields first, then the resource's own rules.
    Map<String, List<CrudExtension>> extensions = Map.of(
        "contacts", List.of(customFields.extensionFor("contact"), ContactTransferModule.labelFilter(),
            new PhoneIsWhatsAppAddress(new ContactIdentityStore(node.pool()))),
        "accounts", List.of(customFields.extensionFor("account"), new AccountTaxIds(node.pool(), new AuditLog())),
        "leads", List.of(customFields.extensionFor("lead")),
        "tickets", List.of(customFields.extensionFor("ticket"), ticketDue));
    for (ResourceSpec spec : CrmResources.all()) {
      // A lead created → its owner by round robin.
      CrudService.AfterCreate afterCreate = "leads".equals(spec.path())
          ? operations.assignment()::assignLeadOwner : Future::succeededFuture;
      crm.put(spec.path(), new CrudService(spec, new CrudStore(node.pool(), spec), afterCreate,
          extensions.getOrDefault(spec.path(), List.of())));
    }
    // Contact import and export (issue 25): CSV in and out, the contacts list's label filter, the import worker.
    this.contactTransfer = ContactTransferModule.create(node.vertx(), node.pool(),
        ContactTransferSettings.from(node.config().raw(), node.config().dataDir()), contacts(), customFields,
        node.nodeId());
    // Visits with slots and calendars with reminders (issue 22): the activities are the calendar's entries.
    this.calendar = new ActivityStore(node.pool(), SalesSettings.load().followUpDays());
    this.activities = new ActivityService(calendar, operations.notifications(), contacts(),
        work.activityReminderMinutes(), work.activityReminderChannels());
  }

  public CrudService contacts() {
    return crm.get("contacts");
  }

  public CrudService leads() {
    return crm.get("leads");
  }

  public CustomFieldService customFields() {
    return customFields;
  }

  /** The activities' store, which field service's calendar feeds read. */
  public ActivityStore calendar() {
    return calendar;
  }

  public void register(RouteSteps http) {
    crm.values().forEach(service -> http.api(new CrudRoutes(service)::register));
    http.api(new ContactRoutes(new ContactMergeService(new ContactMergeStore(node.pool()), contacts(),
        new AuditLog()))::register);
    http.api(new CustomFieldRoutes(customFields)::register);
    http.api(contactTransfer::register);
    http.api(new ActivityRoutes(activities)::register);
  }

  public List<BackgroundVerticle.Periodic> passes() {
    return List.of(new BackgroundVerticle.Periodic("ticket/activity reminder",
        work.tickSeconds() * 1000L,
        () -> Future.all(ticketDue.remindOverdue(), activities.remindDue())));
  }

  /** The contact import worker (none when this node does not run imports). */
  public List<Supplier<BackgroundVerticle>> background() {
    return contactTransfer.background();
  }
}
