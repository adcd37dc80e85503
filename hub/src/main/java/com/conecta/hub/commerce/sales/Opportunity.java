package com.conecta.hub.commerce.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What an opportunity is made of, as asked for (create) or as it will be stored (update).
 *
 * @param probability null = follow the stage's default
 * @param override a supervisor's deliberate "yes, let it compete"
 */
public record Opportunity(long accountId, Long contactId, Long leadId, String name, BigDecimal amount, String currency,
    LocalDate expectedClose, String stage, Integer probability, List<Long> salespeople, List<String> divisions,
    boolean override) {}
