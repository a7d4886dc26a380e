// Public survey pages. Everything here is an enhancement: the survey works without JavaScript
// (the anti-spam check then asks a small sum instead of computing a proof of work).
(function () {
  "use strict";

  // --- SHA-256 of an ASCII string (works on plain http too, where crypto.subtle is missing) ---
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];
  var W = new Array(64);

  // Returns the first 32-bit word of the digest (enough to count leading zero bits up to 32).
  function sha256FirstWord(text) {
    var n = text.length, i, j;
    var words = ((n + 9 + 63) >> 6) << 4;
    var m = new Array(words);
    for (i = 0; i < words; i++) m[i] = 0;
    for (i = 0; i < n; i++) m[i >> 2] |= (text.charCodeAt(i) & 0xff) << (24 - (i % 4) * 8);
    m[n >> 2] |= 0x80 << (24 - (n % 4) * 8);
    m[words - 1] = n * 8;
    var h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a;
    var h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    for (j = 0; j < words; j += 16) {
      var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
      for (i = 0; i < 64; i++) {
        if (i < 16) {
          W[i] = m[j + i] | 0;
        } else {
          var x = W[i - 15], y = W[i - 2];
          var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
          var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
          W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
        }
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & f) ^ (~e & g);
        var t1 = (h + S1 + ch + K[i] + W[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var t2 = (S0 + maj) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
    }
    return h0 >>> 0;
  }

  function leadingZeroBits(word) {
    return word === 0 ? 32 : Math.clz32(word);
  }

  // --- proof of work: find n with SHA-256("<challenge>:<n>") starting with `bits` zero bits ---
  function startProofOfWork(form) {
    var box = document.getElementById("check");
    var field = document.getElementById("id_pow");
    if (!box || !field) return;
    var challenge = box.getAttribute("data-challenge");
    var bits = parseInt(box.getAttribute("data-bits"), 10) || 0;
    if (bits > 32) return; // leave the sum question to the respondent
    var done = field.value !== "";
    var waiting = false;
    box.classList.add("pow-active");
    var counter = 0;
    function step() {
      var end = counter + 4000;
      for (; counter < end; counter++) {
        var nonce = counter.toString(16);
        if (leadingZeroBits(sha256FirstWord(challenge + ":" + nonce)) >= bits) {
          field.value = nonce;
          done = true;
          if (waiting) form.submit();
          return;
        }
      }
      setTimeout(step, 0);
    }
    if (!done) setTimeout(step, 0);
    form.addEventListener("submit", function (event) {
      if (done) return;
      event.preventDefault();
      waiting = true;
      var working = document.getElementById("check-working");
      if (working) working.hidden = false;
    });
  }

  // --- progress: questions with every radio group answered ----------------------------------
  function startProgress(form) {
    var bar = document.getElementById("survey-progress");
    var text = document.getElementById("survey-progress-text");
    if (!bar || !text) return;
    var questions = form.querySelectorAll("fieldset[data-question]");
    var template = text.getAttribute("data-template") || "__n__ / __total__";
    function update() {
      var answered = 0;
      questions.forEach(function (q) {
        var names = {};
        q.querySelectorAll("input[type=radio]").forEach(function (r) { names[r.name] = names[r.name] || r.checked; });
        var all = Object.keys(names).every(function (k) { return names[k]; });
        if (all && Object.keys(names).length) answered++;
      });
      bar.value = answered;
      text.textContent = template.replace("__n__", answered).replace("__total__", questions.length);
    }
    form.addEventListener("change", update);
    update();
  }

  // --- IIT: a code carried in the link's #fragment (never sent to the server) --------------------
  function takeCodeFromFragment() {
    var input = document.getElementById("id_code");
    if (!input) return;
    var match = /(?:^#|&)code=([A-Za-z0-9-]{6,40})/.exec(window.location.hash);
    if (!match) return;
    input.value = match[1].toUpperCase();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("survey-form");
    if (form) {
      startProgress(form);
      startProofOfWork(form);
    }
    takeCodeFromFragment();
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
})();
