// Follow-along timer for exercises and routines. Progressive enhancement: the server renders
// the plan as data attributes inside a hidden section; this script reveals it and plays it.
// It counts each timed step and hold, paces breathing (data-breathe-in / data-breathe-out),
// announces phase changes and side switches through an aria-live region, and honours
// prefers-reduced-motion (no breathing animation, text cues only).
(function () {
  "use strict";
  if (window.__exerciseTimer) return;
  window.__exerciseTimer = true;

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  function clock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }

  function spoken(seconds) {
    if (seconds >= 120 && seconds % 60 === 0) return seconds / 60 + " minutes";
    return seconds + " seconds";
  }

  function Timer(root) {
    this.root = root;
    this.phases = Array.prototype.map.call(
      root.querySelectorAll("[data-timer-plan] li"),
      function (li) {
        return {
          kind: li.dataset.kind,
          seconds: parseInt(li.dataset.seconds, 10) || 0,
          label: li.dataset.label || "",
          reps: parseInt(li.dataset.reps || "0", 10),
          side: li.dataset.side || "",
        };
      }
    ).filter(function (p) { return p.seconds > 0; });
    this.breatheIn = parseInt(root.dataset.breatheIn || "0", 10);
    this.breatheOut = parseInt(root.dataset.breatheOut || "0", 10);
    this.phaseEl = root.querySelector("[data-timer-phase]");
    this.clockEl = root.querySelector("[data-timer-clock]");
    this.progressEl = root.querySelector("[data-timer-progress]");
    this.breathEl = root.querySelector("[data-timer-breath]");
    this.breathText = root.querySelector("[data-timer-breath-text]");
    this.live = root.querySelector("[data-timer-live]");
    this.toggle = root.querySelector("[data-timer-toggle]");
    this.skip = root.querySelector("[data-timer-skip]");
    this.reset = root.querySelector("[data-timer-reset]");
    this.index = 0;
    this.remaining = this.phases.length ? this.phases[0].seconds : 0;
    this.running = false;
    this.interval = null;
    this.lastTick = 0;
    this.breathPhase = "";
    var self = this;
    this.toggle.addEventListener("click", function () { self.running ? self.pause() : self.start(); });
    this.skip.addEventListener("click", function () { self.next(true); });
    this.reset.addEventListener("click", function () { self.restart(); });
    root.addEventListener("keydown", function (event) {
      // Escape pauses from anywhere inside the timer.
      if (event.key === "Escape" && self.running) { self.pause(); self.toggle.focus(); }
    });
    this.render();
    root.hidden = false;
  }

  Timer.prototype.announce = function (text) {
    // Clear first so the same words are announced again.
    var live = this.live;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  };

  Timer.prototype.current = function () { return this.phases[this.index]; };

  Timer.prototype.describe = function (phase) {
    var text = phase.label + ", " + spoken(phase.seconds);
    if (phase.kind === "switch") text = phase.label + ". " + spoken(phase.seconds) + " to get set.";
    return text;
  };

  Timer.prototype.start = function () {
    if (!this.phases.length) return;
    if (this.index >= this.phases.length) this.restart();
    this.running = true;
    this.toggle.textContent = "Pause";
    this.toggle.setAttribute("aria-pressed", "true");
    this.root.classList.add("timer--running");
    if (this.remaining === this.current().seconds) this.announce(this.describe(this.current()));
    var self = this;
    this.lastTick = Date.now();
    this.interval = window.setInterval(function () { self.tick(); }, 250);
    this.render();
  };

  Timer.prototype.pause = function () {
    this.running = false;
    window.clearInterval(this.interval);
    this.toggle.textContent = "Resume";
    this.toggle.setAttribute("aria-pressed", "false");
    this.root.classList.remove("timer--running");
    this.announce("Paused");
    this.render();
  };

  Timer.prototype.restart = function () {
    window.clearInterval(this.interval);
    this.running = false;
    this.index = 0;
    this.remaining = this.phases.length ? this.phases[0].seconds : 0;
    this.toggle.textContent = "Start";
    this.toggle.removeAttribute("aria-pressed");
    this.root.classList.remove("timer--running", "timer--done");
    this.render();
  };

  Timer.prototype.tick = function () {
    var now = Date.now();
    this.remaining -= (now - this.lastTick) / 1000;
    this.lastTick = now;
    if (this.remaining <= 0) this.next(false);
    this.render();
  };

  Timer.prototype.next = function (skipped) {
    this.index += 1;
    if (this.index >= this.phases.length) {
      window.clearInterval(this.interval);
      this.running = false;
      this.remaining = 0;
      this.toggle.textContent = "Start again";
      this.toggle.removeAttribute("aria-pressed");
      this.root.classList.remove("timer--running");
      this.root.classList.add("timer--done");
      this.announce("All done. Well done.");
      this.render();
      return;
    }
    var phase = this.current();
    this.remaining = phase.seconds;
    this.lastTick = Date.now();
    if (this.running || skipped) this.announce(this.describe(phase));
    this.render();
  };

  Timer.prototype.breath = function (phase) {
    if (!this.breatheIn || !this.breatheOut) return null;
    if (phase.kind !== "hold" && phase.kind !== "reps" && phase.kind !== "step") return null;
    var cycle = this.breatheIn + this.breatheOut;
    var elapsed = phase.seconds - this.remaining;
    var within = elapsed % cycle;
    if (within < this.breatheIn) {
      return { phase: "in", count: Math.floor(within) + 1, of: this.breatheIn };
    }
    return { phase: "out", count: Math.floor(within - this.breatheIn) + 1, of: this.breatheOut };
  };

  Timer.prototype.render = function () {
    if (!this.phases.length) return;
    var done = this.index >= this.phases.length;
    var phase = done ? this.phases[this.phases.length - 1] : this.current();
    this.phaseEl.textContent = done ? "All done" : phase.label;
    this.clockEl.textContent = clock(this.remaining);
    var part = Math.min(this.index + 1, this.phases.length);
    var rep = "";
    if (!done && phase.kind === "reps" && phase.reps) {
      var perRep = phase.seconds / phase.reps;
      var repNumber = Math.min(phase.reps, Math.floor((phase.seconds - this.remaining) / perRep) + 1);
      rep = " · rep " + repNumber + " of " + phase.reps;
    }
    this.progressEl.textContent = "Part " + part + " of " + this.phases.length + rep;
    if (this.breathEl) {
      var b = this.running && !done ? this.breath(phase) : null;
      this.breathEl.classList.toggle("timer__breath--in", !!b && b.phase === "in");
      this.breathEl.classList.toggle("timer__breath--out", !!b && b.phase === "out");
      this.breathEl.classList.toggle("timer__breath--still", !b || (reduceMotion && reduceMotion.matches));
      if (b) {
        this.breathEl.style.setProperty("--breath-seconds", (b.phase === "in" ? this.breatheIn : this.breatheOut) + "s");
        this.breathText.textContent = (b.phase === "in" ? "Breathe in " : "Breathe out ") + b.count + " of " + b.of;
      } else {
        this.breathText.textContent = "Breathe in for " + this.breatheIn + ", out for " + this.breatheOut;
      }
    }
  };

  function enhance() {
    document.querySelectorAll("[data-timer]").forEach(function (root) {
      if (!root.__timer) root.__timer = new Timer(root);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
