package com.conecta.hub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class one running hub on a database cloned from the migrated template, with the demo company, the
 * fake Graph API and (when asked) a fake Twilio and an SMTP server; test methods and constructors take a
 * {@link RunningHub} parameter. Periodic passes run when the test says ({@code hub.jobs().run("reminder")}).
 *
 * <pre>
 * &#64;ConectaHub(config = "reminders.tick-seconds=3600")
 * class PaymentRemindersAreSentOnce {
 *   &#64;Test void once(RunningHub hub) { ... hub.jobs().run("reminder"); ... hub.graph().api().sentTo(waId) ... }
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(HubExtension.class)
public @interface ConectaHub {
  /** Settings for this class's hub, each "key=value" (dotted keys of conecta.yaml). */
  String[] config() default {};

  /** Whether the hub sends WhatsApp to a fake Graph API (and checks webhooks with {@link FakeGraph#SECRET}). */
  boolean fakeGraph() default true;

  /** Whether the hub sends Twilio WhatsApp to a fake Twilio API ({@link RunningHub#twilio()}). */
  boolean fakeTwilio() default false;

  /** Whether notifications go by SMTP to a GreenMail server ({@link RunningHub#mail()}). */
  boolean mail() default false;

  /** Whether the pre-qualification bot answers on the demo WhatsApp inboxes (off: tests talk to agents). */
  boolean bot() default false;
}
