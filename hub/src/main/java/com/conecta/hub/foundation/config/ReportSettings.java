package com.conecta.hub.foundation.config;

import java.time.DayOfWeek;
import java.time.ZoneId;

/**
 * The reports' settings: the company's time zone (days and hours are counted there), the targets, and when the
 * weekly summary goes to each team's supervisors.
 */
public record ReportSettings(ZoneId zone, int visitsPerWeekTarget, int billingTargetPercent, boolean weeklySummary,
    DayOfWeek summaryDay, int summaryHour) {}
