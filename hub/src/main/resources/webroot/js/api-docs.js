// The API reference page: Swagger UI (served by the hub from its webjar) reading the hub's own OpenAPI document.
// A separate file because the hub's Content-Security-Policy allows no inline script.
window.ui = window.SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  docExpansion: 'none',
  tryItOutEnabled: false,
});
