package com.conecta.hub.marketing;

import com.conecta.bots.flow.FlowEngine;
import com.conecta.bots.nlp.MessageUnderstanding;
import com.conecta.hub.channels.ChannelsModule;
import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.customers.CustomersModule;
import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.runtime.NodeResources;
import com.conecta.hub.foundation.runtime.RouteSteps;
import com.conecta.hub.marketing.bot.BotFlows;
import com.conecta.hub.marketing.bot.BotModelWarmUp;
import com.conecta.hub.marketing.bot.BotRoutes;
import com.conecta.hub.marketing.bot.BotService;
import com.conecta.hub.marketing.bot.BotStore;
import com.conecta.hub.marketing.campaign.CampaignRoutes;
import com.conecta.hub.marketing.campaign.CampaignService;
import com.conecta.hub.marketing.campaign.CampaignStore;
import com.conecta.hub.marketing.campaign.CampaignTemplates;
import com.conecta.hub.marketing.campaign.OptOutOnIngest;
import com.conecta.hub.marketing.campaign.OptOuts;
import com.conecta.hub.marketing.reminder.ReminderRules;
import com.conecta.hub.marketing.reminder.ReminderService;
import com.conecta.hub.marketing.reminder.ReminderStore;
import com.conecta.hub.marketing.satisfaction.SatisfactionRoutes;
import com.conecta.hub.marketing.satisfaction.SatisfactionService;
import com.conecta.hub.marketing.satisfaction.SatisfactionStore;
import com.conecta.hub.messaging.MessagingModule;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.operations.OperationsModule;
import io.vertx.core.Future;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Talking to customers first: the qualifying bot, broadcasts with their opt-outs and replies, reminders, and the
 * after-sale survey.
 */
public final class MarketingModule {
  /** The bot reads dates and times as the companies' customers say them. */
  private static final ZoneId ZONE = ZoneId.of("America/Santiago");

  private final NodeResources node;
  private final Future<Void> botModel;
  private final BotService bot;
  private final CampaignService campaigns;
  private final OptOutOnIngest optOut;
  private final ReminderService reminders;
  private final SatisfactionService satisfaction;

  public MarketingModule(NodeResources node, MessagingModule messaging, OperationsModule operations,
      CustomersModule customers, ChannelsModule channels, BusinessCatalogue catalogue) {
    HubConfig config = node.config();
    this.node = node;
    MessageUnderstanding understanding = new MessageUnderstanding(ZONE, config.dataDir().resolve("models"));
    // Trained from the start on a worker thread; /ready waits for it. With the bot switched off nothing reads the
    // models at start, so no node (nor each test hub, ~2 s of CPU apiece) pays for them: a first use trains them.
    this.botModel = config.bot().enabled() ? BotModelWarmUp.start(node.vertx(), understanding)
        : Future.succeededFuture();
    this.bot = new BotService(node.vertx(), new BotStore(node.pool()), BotFlows.load(catalogue::fillChoices),
        new FlowEngine(understanding, ZONE), understanding, new ConversationStore(node.pool()),
        messaging.conversations(), operations.assignment(), node.broker(), customers.customFields()::storeAnswers);
    this.campaigns = new CampaignService(new CampaignStore(node.side().queue()), messaging.inboxes(), node.broker(),
        new AuditLog(), new CampaignTemplates(messaging.templates(),
            channels.whatsAppTemplates().service()::approvedOne));
    this.optOut = new OptOutOnIngest(new OptOuts(node.pool(), new ConversationStore(node.pool()), node.broker()),
        campaigns, config.bot().enabled());
    this.reminders = new ReminderService(ReminderRules.load(), new ReminderStore(node.pool()), messaging.inboxes(),
        messaging.templates());
    this.satisfaction = new SatisfactionService(new SatisfactionStore(node.pool()), messaging.templates(),
        node.broker(), config.satisfaction());
  }

  /** Done once the bot's intent model is trained. */
  public Future<Void> botModel() {
    return botModel;
  }

  public BotService bot() {
    return bot;
  }

  /** STOP/BAJA opt-outs and replies to a campaign. */
  public OptOutOnIngest optOut() {
    return optOut;
  }

  public ReminderService reminders() {
    return reminders;
  }

  public SatisfactionService satisfaction() {
    return satisfaction;
  }

  public void register(RouteSteps http) {
    http.api(new BotRoutes(bot)::register);
    http.api(new CampaignRoutes(campaigns)::register);
    http.api(new SatisfactionRoutes(satisfaction)::register);
  }

  public List<BackgroundVerticle.Periodic> passes() {
    HubConfig config = node.config();
    List<BackgroundVerticle.Periodic> passes = new ArrayList<>(List.of(
        new BackgroundVerticle.Periodic("campaign", 500, campaigns::tick),
        new BackgroundVerticle.Periodic("reminder", config.reminders().tickSeconds() * 1000L, reminders::tick)));
    if (config.satisfaction().enabled()) {
      passes.add(new BackgroundVerticle.Periodic("satisfaction", config.satisfaction().tickSeconds() * 1000L,
          satisfaction::tick));
    }
    return passes;
  }
}
