// jobpath's one script. Every page works without it; it only saves clicks:
// filters apply as they change, skill inputs suggest names, and the
// post-a-role form previews what jobpath reads from the text as it is typed.
// It builds DOM nodes with textContent only, never HTML from data.
(function () {
  "use strict";

  function debounce(fn, ms) {
    var t;
    return function () {
      var args = arguments, self = this;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  // Filters: a checkbox, or a radio or select changed with the pointer,
  // submits the search. Keys move between radios and options without
  // reloading; Enter or "Apply filters" submits. Empty fields stay out of
  // the URL.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    var pointer = 0;
    form.addEventListener("pointerdown", function () { pointer = Date.now(); });
    form.addEventListener("change", function (e) {
      var t = e.target;
      if (t.matches("input[type=checkbox]") || (t.matches("input[type=radio], select") && Date.now() - pointer < 2000)) form.requestSubmit();
    });
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (f) {
        if (f.name && !f.disabled && f.value === "" && f.type !== "checkbox" && f.type !== "radio") f.disabled = true;
        if (f.type === "radio" && f.checked && f.value === "") f.disabled = true;
      });
      setTimeout(function () { Array.prototype.forEach.call(form.elements, function (f) { f.disabled = false; }); }, 0);
    });
  });

  // On a small screen the filters start folded, unless some are on.
  document.querySelectorAll("details[data-collapse-small]").forEach(function (d) {
    if (window.matchMedia("(max-width: 60rem)").matches && !/[?&](skills|level|remote|salary_min|posted_within)=[^&]/.test(location.search)) d.open = false;
  });

  // Skill typeahead: fill the input's datalist from the taxonomy.
  document.querySelectorAll("input[data-typeahead]").forEach(function (input) {
    var list = input.list;
    if (!list) return;
    input.addEventListener("input", debounce(function () {
      var prefix = input.value.trim();
      if (prefix.length < 1) return;
      fetch("/api/v1/skills?limit=8&prefix=" + encodeURIComponent(prefix))
        .then(function (r) { return r.ok ? r.json() : { skills: [] }; })
        .then(function (body) {
          list.replaceChildren();
          body.skills.forEach(function (s) {
            var o = document.createElement("option");
            o.value = s.name;
            list.appendChild(o);
          });
        })
        .catch(function () {});
    }, 150));
  });

  // Live preview of a posting.
  var form = document.getElementById("job-form");
  var body = document.querySelector("[data-preview-body]");
  if (!form || !body) return;

  function value(name) {
    var f = form.elements.namedItem(name);
    return f && f.value ? f.value.trim() : "";
  }
  function list(name) {
    return value(name).split(",").map(function (s) { return s.trim(); }).filter(Boolean);
  }
  function input() {
    var j = { title: value("title"), description: form.elements.namedItem("description").value };
    ["level", "degree", "remote", "employment_type", "apply_url"].forEach(function (k) {
      if (value(k)) j[k] = value(k);
    });
    if (value("min_years")) j.min_years = parseInt(value("min_years"), 10);
    var req = list("skills.required"), pref = list("skills.preferred");
    if (req.length || pref.length) j.skills = { required: req, preferred: pref };
    if (value("location.city") || value("location.country")) j.location = { city: value("location.city"), country: value("location.country") };
    if (value("salary.min") || value("salary.max")) {
      j.salary = { min: parseInt(value("salary.min") || "0", 10), max: parseInt(value("salary.max") || "0", 10), currency: value("salary.currency").toUpperCase(), period: value("salary.period") };
    }
    return j;
  }

  var labels = { junior: "Junior", mid: "Mid", senior: "Senior", lead: "Lead" };
  var degrees = {
    required: "A degree is required", preferred: "A degree is preferred, not required",
    equivalent_experience: "A degree or equivalent experience", not_required: "No degree required",
    unspecified: "The posting does not say"
  };
  var remotes = { remote: "Remote", hybrid: "Hybrid", onsite: "On-site" };
  var employment = { full_time: "Full-time", part_time: "Part-time", contract: "Contract", internship: "Internship", temporary: "Temporary" };

  function money(n, currency) {
    try {
      return new Intl.NumberFormat("en", { style: "currency", currency: currency, maximumFractionDigits: 0 }).format(n);
    } catch (e) {
      return n + " " + currency;
    }
  }
  function salary(s) {
    var per = s.period ? (s.period === "hour" ? " an hour" : " a " + s.period) : "";
    if (!s.max || s.max === s.min) return money(s.min, s.currency) + per;
    if (!s.min) return "up to " + money(s.max, s.currency) + per;
    return money(s.min, s.currency) + "\u2013" + money(s.max, s.currency) + per;
  }

  function chips(ids, names) {
    if (!ids || !ids.length) return document.createTextNode("none found");
    var ul = el("ul", "chips");
    ids.forEach(function (id) { ul.appendChild(el("li", "chip", names[id] || id)); });
    return ul;
  }

  function render(res) {
    var j = res.job, dl = el("dl");
    function row(term, def) {
      dl.appendChild(el("dt", "", term));
      var dd = el("dd");
      if (typeof def === "string") dd.textContent = def; else dd.appendChild(def);
      dl.appendChild(dd);
    }
    row("Required skills", chips(j.skills.required, res.skill_names));
    row("Nice to have", chips(j.skills.preferred, res.skill_names));
    row("Level", labels[j.level] || "not stated");
    row("Years", j.min_years != null ? j.min_years + " years or more" : "not stated");
    row("Degree", degrees[j.degree] || j.degree);
    if (j.evidence && j.evidence.degree) dl.appendChild(el("dd", "evidence", "\u201c" + j.evidence.degree.text + "\u201d"));
    var where = remotes[j.remote] || j.remote;
    if (j.location) where += " \u00b7 " + [j.location.city, j.location.country].filter(Boolean).join(", ");
    row("Where", where);
    row("Salary", j.salary ? salary(j.salary) : "not stated");
    row("Employment", employment[j.employment_type] || j.employment_type);
    body.replaceChildren(dl);
  }

  function problems(p) {
    var box = el("div");
    box.appendChild(el("p", "field-error", p.detail || "The preview needs a title and a description."));
    if (p.errors) {
      var ul = el("ul");
      p.errors.forEach(function (e) { ul.appendChild(el("li", "", e.field + ": " + e.message)); });
      box.appendChild(ul);
    }
    body.replaceChildren(box);
  }

  var preview = debounce(function () {
    var j = input();
    if (!j.title || !j.description.trim()) return;
    body.setAttribute("aria-busy", "true");
    fetch(form.getAttribute("data-preview"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(j)
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    }).then(function (r) {
      if (r.ok) render(r.data); else problems(r.data);
    }).catch(function () {}).finally(function () { body.removeAttribute("aria-busy"); });
  }, 400);

  form.addEventListener("input", preview);
  form.addEventListener("change", preview);
  var button = form.querySelector("[data-preview-button]");
  if (button) button.hidden = true;
  preview();
})();
