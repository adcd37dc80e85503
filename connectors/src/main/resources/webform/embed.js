/*
 * Conecta web-form embed. Paste on a site:
 *   <script src="https://HUB/forms/embed.js" data-form="quote" data-lang="es"></script>
 * Fetches /forms/{key}/definition from the script's own origin, renders an accessible form after the script tag,
 * posts JSON to /forms/{key}. Every text from the server is set with textContent, never innerHTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var key = script.getAttribute("data-form");
  var lang = script.getAttribute("data-lang") === "en" ? "en" : "es";
  var base = new URL(script.src, document.baseURI).origin;
  var T = {
    es: { send: "Enviar", sending: "Enviando…", thanks: "¡Gracias! Recibimos tu mensaje.", code: "Tu código: ",
          whatsapp: "Continuar por WhatsApp", failed: "No pudimos enviar el formulario. Inténtalo de nuevo.", required: " (obligatorio)" },
    en: { send: "Send", sending: "Sending…", thanks: "Thank you! We received your message.", code: "Your code: ",
          whatsapp: "Continue on WhatsApp", failed: "We could not send the form. Please try again.", required: " (required)" }
  }[lang];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function pick(obj) { return obj ? (obj[lang] || obj.es || "") : ""; }
  function safeHttps(url) {
    try { var u = new URL(url); return u.protocol === "https:" ? u.href : null; } catch (e) { return null; }
  }

  var root = el("div", { "class": "conecta-form", "data-form": key });
  script.parentNode.insertBefore(root, script.nextSibling);

  fetch(base + "/forms/" + encodeURIComponent(key) + "/definition?lang=" + lang, { credentials: "omit" })
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(render)
    .catch(function () { root.appendChild(el("p", { role: "alert" }, T.failed)); });

  function render(def) {
    var form = el("form", { novalidate: "novalidate", "aria-label": pick(def.title) });
    form.appendChild(el("h2", {}, pick(def.title)));
    var errors = {};
    var uid = "conecta-" + key + "-";
    (def.fields || []).forEach(function (f) {
      var id = uid + f.name;
      var wrap = el("div", { "class": "conecta-field" });
      wrap.appendChild(el("label", { "for": id }, pick(f.label) + (f.required ? T.required : "")));
      var input;
      if (f.type === "textarea") {
        input = el("textarea", { id: id, name: f.name, rows: "4" });
      } else if (f.type === "choice") {
        input = el("select", { id: id, name: f.name });
        input.appendChild(el("option", { value: "" }, "—"));
        (f.choices || []).forEach(function (c) { input.appendChild(el("option", { value: c.value }, pick(c.label))); });
      } else {
        var type = { email: "email", phone: "tel", number: "number" }[f.type] || "text";
        input = el("input", { id: id, name: f.name, type: type, autocomplete: { email: "email", phone: "tel" }[f.type] || (f.name === "name" ? "name" : "off") });
      }
      if (f.required) input.setAttribute("aria-required", "true");
      if (f.maxLength) input.setAttribute("maxlength", String(f.maxLength));
      var err = el("p", { id: id + "-error", "class": "conecta-error", "aria-live": "polite" });
      input.setAttribute("aria-describedby", err.id);
      errors[f.name] = { input: input, box: err };
      wrap.appendChild(input);
      wrap.appendChild(err);
      form.appendChild(wrap);
    });
    if (def.honeypot) {
      // Hidden from people and screen readers; bots fill it and the hub quietly drops the submission.
      var trap = el("div", { "aria-hidden": "true", style: "position:absolute;left:-10000px;height:1px;overflow:hidden" });
      trap.appendChild(el("input", { name: def.honeypot, type: "text", tabindex: "-1", autocomplete: "off" }));
      form.appendChild(trap);
    }
    var status = el("p", { role: "status", "aria-live": "polite" });
    var button = el("button", { type: "submit" }, T.send);
    form.appendChild(button);
    form.appendChild(status);
    root.appendChild(form);

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      Object.keys(errors).forEach(function (n) { errors[n].box.textContent = ""; errors[n].input.removeAttribute("aria-invalid"); });
      var body = {};
      new FormData(form).forEach(function (v, k) { body[k] = String(v); });
      // Keep the campaign the visitor arrived with.
      var params = new URLSearchParams(window.location.search);
      ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "campaign"].forEach(function (k) {
        if (params.get(k)) body[k] = params.get(k);
      });
      body.idempotencyKey = form.getAttribute("data-key") || String(Date.now()) + Math.random().toString(36).slice(2);
      form.setAttribute("data-key", body.idempotencyKey);
      button.disabled = true;
      status.textContent = T.sending;
      fetch(base + "/forms/" + encodeURIComponent(key) + "?lang=" + lang, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "omit"
      }).then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) { return { ok: r.ok, data: data }; });
      }).then(function (res) {
        button.disabled = false;
        if (!res.ok) return showErrors(res.data);
        done(res.data || {});
      }).catch(function () { button.disabled = false; status.textContent = T.failed; });
    });

    function showErrors(data) {
      var list = (data && data.fields) || [];
      var first = null;
      list.forEach(function (fe) {
        var target = errors[fe.field];
        if (!target) return;
        target.box.textContent = fe.message || "";
        target.input.setAttribute("aria-invalid", "true");
        if (!first) first = target.input;
      });
      status.textContent = (data && data.error && data.error.message) || T.failed;
      if (first) first.focus();
    }

    function done(data) {
      var wa = safeHttps(data.whatsappUrl);
      var thanks = safeHttps(data.thankYouUrl || def.thankYouUrl);
      root.textContent = "";
      var box = el("div", { role: "status", tabindex: "-1" });
      box.appendChild(el("p", {}, T.thanks));
      if (data.referenceCode) box.appendChild(el("p", {}, T.code + data.referenceCode));
      if (wa) box.appendChild(el("a", { href: wa, rel: "noopener", target: "_blank" }, T.whatsapp));
      root.appendChild(box);
      box.focus();
      if (thanks && !wa) window.location.assign(thanks);
    }
  }
})();
