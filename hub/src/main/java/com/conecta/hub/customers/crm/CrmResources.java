package com.conecta.hub.customers.crm;

import static com.conecta.hub.customers.crm.FieldSpec.bool;
import static com.conecta.hub.customers.crm.FieldSpec.email;
import static com.conecta.hub.customers.crm.FieldSpec.integer;
import static com.conecta.hub.customers.crm.FieldSpec.json;
import static com.conecta.hub.customers.crm.FieldSpec.oneOf;
import static com.conecta.hub.customers.crm.FieldSpec.phone;
import static com.conecta.hub.customers.crm.FieldSpec.readOnlyTime;
import static com.conecta.hub.customers.crm.FieldSpec.ref;
import static com.conecta.hub.customers.crm.FieldSpec.text;
import static com.conecta.hub.customers.crm.FieldSpec.time;

import java.util.List;
import java.util.Set;

/** The CRM core's resources, each described once. */
public final class CrmResources {
  private static final String CONTACT_SEEN =
      "exists (select 1 from conversations cv where cv.contact_id = %s and cv.inbox_id = any($V))";

  private CrmResources() {}

  /** Every CRM resource, in the order the hub registers them. */
  public static List<ResourceSpec> all() {
    return List.of(contacts(), accounts(), leads(), tickets(), activities(), cannedResponses());
  }

  public static ResourceSpec contacts() {
    return new ResourceSpec("contact", "contacts", "contacts", List.of(
        FieldSpec.id(), text("name", "name", 200), phone("phone", "phone"), email("email", "email"),
        text("city", "city", 100).asFilterable(), oneOf("locale", "locale", Set.of("es", "en")),
        ref("accountId", "account_id", "accounts"), ref("ownerId", "owner_id", "users"),
        bool("doNotContact", "do_not_contact"), readOnlyTime("optedOutAt", "opted_out_at"),
        json("customAttributes", "custom_attributes"), readOnlyTime("createdAt", "created_at"),
        readOnlyTime("updatedAt", "updated_at")),
        List.of("name", "phone", "email"),
        "(t.owner_id = $U or " + CONTACT_SEEN.formatted("t.id") + ")", "owner_id");
  }

  public static ResourceSpec accounts() {
    return new ResourceSpec("account", "accounts", "accounts", List.of(
        FieldSpec.id(), text("name", "name", 200).asRequired(), text("taxId", "tax_id", 30).asFilterable(),
        oneOf("kind", "kind", Set.of("residential", "business")), text("city", "city", 100).asFilterable(),
        phone("phone", "phone"), email("email", "email"), ref("ownerId", "owner_id", "users"),
        json("customAttributes", "custom_attributes"), readOnlyTime("createdAt", "created_at"),
        readOnlyTime("updatedAt", "updated_at")),
        List.of("name", "tax_id", "email"),
        "(t.owner_id = $U or exists (select 1 from contacts ct where ct.account_id = t.id and "
            + CONTACT_SEEN.formatted("ct.id") + "))", "owner_id");
  }

  public static ResourceSpec leads() {
    return new ResourceSpec("lead", "leads", "leads", List.of(
        FieldSpec.id(), ref("contactId", "contact_id", "contacts"), ref("accountId", "account_id", "accounts"),
        ref("conversationId", "conversation_id", "conversations"), text("title", "title", 200),
        text("stage", "stage", 50).asFilterable(), text("source", "source", 50).asFilterable(),
        text("campaign", "campaign", 100).asFilterable(), text("interestArea", "interest_area", 100).asFilterable(),
        oneOf("priority", "priority", Set.of("A", "B", "C")), integer("score", "score"),
        ref("assigneeId", "assignee_id", "users"), ref("teamId", "team_id", "teams"), json("answers", "answers"),
        json("customAttributes", "custom_attributes"), text("lostReason", "lost_reason", 500),
        FieldSpec.looseRef("opportunityId", "opportunity_id").asReadOnly(), readOnlyTime("convertedAt", "converted_at"),
        readOnlyTime("createdAt", "created_at"), readOnlyTime("updatedAt", "updated_at")),
        List.of("title", "interest_area", "campaign"),
        "(t.assignee_id = $U or " + CONTACT_SEEN.formatted("t.contact_id") + ")", "assignee_id");
  }

  public static ResourceSpec tickets() {
    return new ResourceSpec("ticket", "tickets", "tickets", List.of(
        FieldSpec.id(), ref("contactId", "contact_id", "contacts"), ref("accountId", "account_id", "accounts"),
        ref("conversationId", "conversation_id", "conversations"),
        oneOf("kind", "kind", Set.of("support", "visit", "maintenance", "warranty", "work_order")).asRequired(),
        text("subject", "subject", 300).asRequired(), text("description", "description", 10_000),
        oneOf("priority", "priority", Set.of("low", "normal", "high", "urgent")),
        oneOf("status", "status", Set.of("open", "in_progress", "waiting", "resolved", "closed")),
        ref("assigneeId", "assignee_id", "users"), time("dueAt", "due_at"),
        json("customAttributes", "custom_attributes"), readOnlyTime("createdAt", "created_at"),
        readOnlyTime("updatedAt", "updated_at")),
        List.of("subject", "description"),
        "(t.assignee_id = $U or " + CONTACT_SEEN.formatted("t.contact_id") + ")", "assignee_id");
  }

  public static ResourceSpec activities() {
    return new ResourceSpec("activity", "activities", "activities", List.of(
        FieldSpec.id(), oneOf("kind", "kind", Set.of("task", "call", "visit", "meeting", "follow_up")).asRequired(),
        text("title", "title", 300).asRequired(), text("notes", "notes", 10_000), time("dueAt", "due_at"),
        bool("done", "done"), readOnlyTime("doneAt", "done_at"), ref("ownerId", "owner_id", "users"),
        ref("contactId", "contact_id", "contacts"), ref("leadId", "lead_id", "leads"),
        ref("ticketId", "ticket_id", "tickets"), FieldSpec.looseRef("opportunityId", "opportunity_id"),
        readOnlyTime("createdAt", "created_at"),
        readOnlyTime("updatedAt", "updated_at")),
        List.of("title", "notes"),
        "(t.owner_id = $U or " + CONTACT_SEEN.formatted("t.contact_id") + ")", "owner_id");
  }

  /** Saved replies: every signed-in agent uses them; the spec's scope lets agents see them all. */
  public static ResourceSpec cannedResponses() {
    return new ResourceSpec("canned response", "canned-responses", "canned_responses", List.of(
        FieldSpec.id(), text("shortCode", "short_code", 30).asRequired().asFilterable(),
        text("content", "content", 4096).asRequired(), readOnlyTime("createdAt", "created_at"),
        readOnlyTime("updatedAt", "updated_at")),
        List.of("short_code", "content"), "($U::bigint is not null or $V::bigint[] is null or true)", null);
  }
}
