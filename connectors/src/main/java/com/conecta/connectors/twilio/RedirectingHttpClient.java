package com.conecta.connectors.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK's base URL is fixed to api.twilio.com; this client sends the same requests to another base URL
 * (the fake Twilio in the sandbox and tests).
 */
final class RedirectingHttpClient extends HttpClient {
  private static final String TWILIO = "https://api.twilio.com";
  private final String baseUrl;
  private final NetworkHttpClient delegate = new NetworkHttpClient();

  RedirectingHttpClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  @Override
  public Response makeRequest(Request request) {
    String url = request.getUrl();
    if (url.startsWith(TWILIO)) {
      url = baseUrl + url.substring(TWILIO.length());
    }
    Request moved = new Request(request.getMethod(), url);
    moved.setAuth(request.getUsername(), request.getPassword());
    request.getPostParams().forEach((k, values) -> values.forEach(v -> moved.addPostParam(k, v)));
    request.getQueryParams().forEach((k, values) -> values.forEach(v -> moved.addQueryParam(k, v)));
    request.getHeaderParams().forEach((k, values) -> values.forEach(v -> moved.addHeaderParam(k, v)));
    return delegate.makeRequest(moved);
  }
}
