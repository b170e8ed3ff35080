// Loaded into the page after Paged.js. One side of a parallel-text edition carries, in
// <script type="application/json" id="paiban-alignment">, the white space to leave before
// each alignment unit ({ "<unit id>": { "breaks": n, "space": pt } }) so that the unit
// starts where its counterpart does. prepare.js calls this before layout.
window.paibanApplyAlignment = function paibanApplyAlignment() {
  const spec = document.getElementById("paiban-alignment");
  if (!spec) return;
  const units = JSON.parse(spec.textContent || "{}");
  for (const [id, { breaks, space }] of Object.entries(units)) {
    const unit = document.querySelector(`[data-align="${CSS.escape(id)}"]`);
    if (!unit) continue;
    // Each break starts a new page: two or more leave blank pages opposite a longer counterpart.
    for (let i = 0; i < breaks; i++) unit.before(spacer("align-break", 0));
    if (space > 0) unit.before(spacer("align-space", space));
  }
};

function spacer(className, height) {
  const div = document.createElement("div");
  div.className = className;
  div.setAttribute("aria-hidden", "true");
  if (height > 0) div.style.height = `${height}pt`;
  return div;
}
