// Bundled client: shows the gateway's health and the state of each plugin (from /observe/health details).
"use strict";

async function showHealth() {
  const status = document.getElementById("status");
  const list = document.getElementById("plugins");
  try {
    const response = await fetch("/observe/health", { headers: { Accept: "application/json" } });
    const health = await response.json();
    status.textContent = "Gateway is " + health.status;
    status.className = health.status === "UP" ? "up" : "down";
    list.replaceChildren();
    for (const check of health.checks || []) {
      for (const [name, state] of Object.entries(check.data || {})) {
        const item = document.createElement("li");
        item.textContent = name + ": " + state;
        list.append(item);
      }
    }
  } catch (error) {
    status.textContent = "Gateway unreachable: " + error;
    status.className = "down";
  }
}

showHealth();
