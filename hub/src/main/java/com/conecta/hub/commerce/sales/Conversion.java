package com.conecta.hub.commerce.sales;

/**
 * A lead's conversion as asked for: the account to make (its tax id already checked and normalised) and the
 * opportunity (its accountId, contactId and leadId are filled in during the conversion).
 */
public record Conversion(String accountKind, String accountName, String taxId, Opportunity opportunity) {}
