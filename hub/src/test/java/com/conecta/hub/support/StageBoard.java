package com.conecta.hub.support;

import org.openqa.selenium.By;

/** Where things are on the web inbox's stage boards (the Embudo and Oportunidades share their columns). */
public final class StageBoard {
  private StageBoard() {}

  public static By column(String stage) {
    return By.cssSelector(".pipeline-column[data-stage='" + stage + "']");
  }

  /** The column's header: its name, count and amount. */
  public static By header(String stage) {
    return By.cssSelector(".pipeline-column[data-stage='" + stage + "'] header");
  }

  public static By countBadge(String stage) {
    return By.cssSelector(".pipeline-column[data-stage='" + stage + "'] header .pipeline-count");
  }
}
