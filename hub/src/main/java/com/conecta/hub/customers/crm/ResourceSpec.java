package com.conecta.hub.customers.crm;

import java.util.List;

/**
 * A CRM resource (contacts, accounts, leads, tickets, activities) described once: its table, fields, which text
 * columns {@code q} searches, and the SQL that limits an agent to what their teams work on.
 *
 * @param path the API's plural path segment
 * @param agentScope a condition on alias {@code t} with {@code $U} (the agent's id) and {@code $V} (their inboxes)
 * @param ownerColumn the column set to the creating agent when not given
 */
public record ResourceSpec(String name, String path, String table, List<FieldSpec> fields, List<String> searchColumns,
    String agentScope, String ownerColumn) {

  public FieldSpec field(String json) {
    return fields.stream().filter(f -> f.json().equals(json)).findFirst().orElse(null);
  }
}
