package com.conecta.hub.fieldservice;

import com.conecta.hub.channels.media.LocalMediaStorage;
import com.conecta.hub.customers.CustomersModule;
import com.conecta.hub.fieldservice.service.ServiceModule;
import com.conecta.hub.fieldservice.service.WorkSettings;
import com.conecta.hub.foundation.runtime.NodeResources;
import com.conecta.hub.foundation.runtime.RouteSteps;
import com.conecta.hub.operations.OperationsModule;

/** Work orders and visits with the coordinator's board, and each person's calendar feed (issue 22). */
public final class FieldServiceModule {
  private final ServiceModule service;

  public FieldServiceModule(NodeResources node, OperationsModule operations, CustomersModule customers) {
    this.service = ServiceModule.create(node.vertx(), node.pool(), operations.notifications(),
        new LocalMediaStorage(node.vertx(), node.config().dataDir().resolve("media")),
        WorkSettings.from(node.config().raw()), node.broker(), customers.calendar(), node.config().publicBaseUrl());
  }

  public void register(RouteSteps http) {
    http.api(service::register);
    // The .ics feeds, outside the API: calendar apps carry no session.
    http.router(service::registerPublic);
  }
}
