package com.conecta.connectors.email;

/** One email read from IMAP, with its UID in the folder. */
public record FetchedEmail(long uid, ParsedEmail email) {}
