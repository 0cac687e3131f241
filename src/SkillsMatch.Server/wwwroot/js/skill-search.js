// Progressive enhancement of the need form: while a skill field is typed in, its suggestion list is
// filled from GET /api/skills?q= (the server resolves the chosen label; without this script the
// employer types a label or id and the server resolves it or names suggestions).
(function () {
  const list = document.getElementById("skill-options");
  if (!list || !window.fetch) { return; }
  let timer = 0;
  let asked = "";
  document.addEventListener("input", function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-skill-search")) { return; }
    const q = input.value.trim();
    window.clearTimeout(timer);
    if (q.length < 3 || q === asked) { return; }
    timer = window.setTimeout(async function () {
      asked = q;
      try {
        const response = await fetch("/api/skills?limit=10&q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } });
        if (!response.ok) { return; }
        const skills = await response.json();
        list.replaceChildren(...skills.map(function (skill) {
          const option = document.createElement("option");
          option.value = skill.label;
          return option;
        }));
      } catch (e) {
        // No suggestions then; the form works without them.
      }
    }, 250);
  });
})();
