package com.conecta.hub.commerce.sales;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.customers.crm.CrudService;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.commerce.catalogue.BusinessLine;
import java.util.List;

/**
 * Turns a qualified lead into a contact, an account and an opportunity in one transaction: either all of it is stored
 * or none. The contact is the lead's own (the one its conversations belong to), so the conversation history stays
 * attached; converting the same lead twice is a 409.
 */
public record ConversionService(ConversionStore store, OpportunityService opportunities, CrudService leads,
    BusinessCatalogue catalogue) {
  /** The dialog's starting values from what the lead holds; a converted lead answers its opportunity instead. */
  public Future<JsonObject> draft(Principal p, long leadId) {
    return leads.get(p, leadId).compose(lead -> lead.getLong("opportunityId") != null
        ? Future.succeededFuture(new JsonObject().put("leadId", leadId).put("converted", true)
            .put("opportunityId", lead.getLong("opportunityId")))
        : store.contactName(lead.getLong("contactId"))
            .map(name -> ConversionDraft.of(lead, name,
                interest -> catalogue.resolve(interest).map(BusinessLine::division).orElse(null)).put("converted", false)));
  }

  public Future<JsonObject> convert(Principal p, long leadId, Conversion c) {
    if (p.role() == Role.MARKETING) {
      return Future.failedFuture(ApiError.forbidden("marketing reads CRM records; agents and admins change them"));
    }
    return leads.visible(p, leadId).compose(v -> store.pool().withTransaction(tx -> store.claim(tx, leadId)
        .compose(lead -> {
          if (lead == null) {
            return Future.failedFuture(ApiError.conflict("already_converted", "lead " + leadId + " was already converted"));
          }
          Long contactId = lead.getLong("contactId");
          String contactName = lead.getString("answerName") != null ? lead.getString("answerName") : c.accountName();
          Long salesperson = lead.getLong("assigneeId") != null ? lead.getLong("assigneeId") : p.userId();
          Future<Long> contact = contactId != null ? Future.succeededFuture(contactId) : store.newContact(tx, contactName);
          return contact.compose(ct -> store.account(tx, c.accountName(), c.taxId(), c.accountKind(), salesperson)
              .compose(account -> stageFor(tx, c.opportunity().stage(), lead.getString("stage")).compose(stage -> {
                Opportunity asked = c.opportunity();
                List<String> divisions = divisions(asked.divisions(), lead.getString("interestArea"));
                if (divisions == null) {
                  return Future.failedFuture(ApiError.missing("opportunity.divisions"));
                }
                List<Long> salespeople = asked.salespeople().isEmpty() ? List.of(salesperson) : asked.salespeople();
                Opportunity o = new Opportunity(account, ct, leadId, asked.name(), asked.amount(), asked.currency(),
                    asked.expectedClose(), stage, asked.probability(), salespeople, divisions, asked.override());
                return opportunities.createIn(tx, p, o)
                    .compose(opp -> store.link(tx, leadId, ct, account, opp)
                        .map(x -> new JsonObject().put("contactId", ct).put("accountId", account)
                            .put("opportunityId", opp)));
              })));
        })));
  }

  /**
   * The divisions asked for, each business-line name read as its division ("seguridad" is security), else the
   * division of the line the lead was qualified in; null when neither names one.
   */
  private List<String> divisions(List<String> asked, String interestArea) {
    if (asked != null) {
      return asked.stream().map(d -> catalogue.resolve(d).map(BusinessLine::division).orElse(d)).distinct().toList();
    }
    return catalogue.resolve(interestArea).map(l -> List.of(l.division())).orElse(null);
  }

  /** The stage asked for, else the lead's own while it is open, else the pipeline's first open stage. */
  private Future<String> stageFor(io.vertx.sqlclient.SqlClient tx, String asked, String leadStage) {
    if (asked != null) {
      return Future.succeededFuture(asked);
    }
    return store.stageOutcome(tx, leadStage).map(outcome -> "open".equals(outcome) ? leadStage : null);
  }
}
