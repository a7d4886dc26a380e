// OIT pages: a small rich-text editor for system-written pages, picture insertion, print button.
// Progressive enhancement: without JavaScript the page's HTML is edited in the plain textarea
// (and sanitised by the server either way).
(function () {
  "use strict";

  function escapeAttr(text) {
    return String(text || "").replace(/&/g, "&amp;").replace(/"/g, "&quot;")
      .replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function button(label, title, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", function (event) { event.preventDefault(); onClick(); });
    return b;
  }

  function enhance(textarea) {
    var lang = document.documentElement.lang || "th";
    var th = lang.indexOf("th") === 0;
    var t = function (thai, english) { return th ? thai : english; };

    var toolbar = document.createElement("div");
    toolbar.className = "rich-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", t("จัดรูปแบบข้อความ", "Formatting"));
    var area = document.createElement("div");
    area.className = "rich-area page-body";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.id = label.id || textarea.id + "_label";
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { area.focus(); });
    }
    area.innerHTML = textarea.value;

    var exec = function (command, value) { area.focus(); document.execCommand(command, false, value || null); };
    toolbar.appendChild(button("H2", t("หัวข้อ", "Heading"), function () { exec("formatBlock", "<h2>"); }));
    toolbar.appendChild(button("H3", t("หัวข้อย่อย", "Sub-heading"), function () { exec("formatBlock", "<h3>"); }));
    toolbar.appendChild(button("¶", t("ย่อหน้า", "Paragraph"), function () { exec("formatBlock", "<p>"); }));
    toolbar.appendChild(button("B", t("ตัวหนา", "Bold"), function () { exec("bold"); }));
    toolbar.appendChild(button("I", t("ตัวเอียง", "Italic"), function () { exec("italic"); }));
    toolbar.appendChild(button("•", t("รายการแบบจุด", "Bulleted list"), function () { exec("insertUnorderedList"); }));
    toolbar.appendChild(button("1.", t("รายการแบบตัวเลข", "Numbered list"), function () { exec("insertOrderedList"); }));
    toolbar.appendChild(button(t("ลิงก์", "Link"), t("ใส่ลิงก์", "Insert a link"), function () {
      var url = window.prompt(t("ที่อยู่ลิงก์ (https://…)", "Link address (https://…)"), "https://");
      if (url && /^(https?:\/\/|mailto:)/i.test(url)) exec("createLink", url);
    }));
    toolbar.appendChild(button("▦", t("แทรกตาราง", "Insert a table"), function () {
      var cols = parseInt(window.prompt(t("จำนวนคอลัมน์", "Columns"), "3"), 10) || 3;
      var rows = parseInt(window.prompt(t("จำนวนแถว (ไม่รวมหัวตาราง)", "Rows (without the header)"), "3"), 10) || 3;
      cols = Math.min(Math.max(cols, 1), 12); rows = Math.min(Math.max(rows, 1), 60);
      var html = "<table><thead><tr>";
      for (var c = 0; c < cols; c++) html += "<th>" + t("หัวข้อ", "Header") + "</th>";
      html += "</tr></thead><tbody>";
      for (var r = 0; r < rows; r++) { html += "<tr>"; for (var d = 0; d < cols; d++) html += "<td>&nbsp;</td>"; html += "</tr>"; }
      html += "</tbody></table><p></p>";
      exec("insertHTML", html);
    }));
    toolbar.appendChild(button("↶", t("เลิกทำ", "Undo"), function () { exec("undo"); }));
    var sourceOn = false;
    toolbar.appendChild(button("</>", t("แก้ไข HTML", "Edit HTML"), function () {
      sourceOn = !sourceOn;
      if (sourceOn) { textarea.value = area.innerHTML; textarea.hidden = false; area.hidden = true; }
      else { area.innerHTML = textarea.value; textarea.hidden = true; area.hidden = false; }
    }));

    textarea.classList.add("rich-source");
    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(area, textarea);

    var sync = function () { if (!sourceOn) textarea.value = area.innerHTML; };
    area.addEventListener("input", sync);
    if (textarea.form) textarea.form.addEventListener("submit", sync);

    document.querySelectorAll("[data-insert-image]").forEach(function (b) {
      b.addEventListener("click", function () {
        var img = '<img src="' + escapeAttr(b.getAttribute("data-insert-image")) + '" alt="' +
          escapeAttr(b.getAttribute("data-alt")) + '">';
        if (sourceOn) { textarea.value += img; } else { exec("insertHTML", img); sync(); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-editor]").forEach(enhance);
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  });
})();
