// The API docs page: Swagger UI from local files, started from here so that the page needs no
// inline script (the Content-Security-Policy forbids it).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true });
