package com.conecta.hub.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link ConectaHub}: starts one {@link RunningHub} per test class before its first
 * test, hands it to any parameter of that type, and stops it (hub, extra nodes, fakes) after the class.
 */
public final class HubExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HubExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RunningHub.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return running(context);
  }

  private static RunningHub running(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    ConectaHub settings = AnnotationSupport.findAnnotation(testClass, ConectaHub.class)
        .orElseThrow(() -> new ParameterResolutionException(testClass + " is not annotated @ConectaHub"));
    // Kept in the class's store, so that it closes when the class is done (the store closes AutoCloseable values).
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(testClass.getName(),
        name -> RunningHub.start(settings), RunningHub.class);
  }
}
