package com.conecta.hub.commerce.pipeline;

import java.util.List;

/**
 * What a board is narrowed to: the owner, the team, the lead's source and campaign, the interest values (a business
 * line's key and old names; a division is the values of its lines), and how many cards each column shows.
 */
public record BoardFilter(Long ownerId, Long teamId, String source, String campaign, List<String> interests,
    int perColumn) {}
