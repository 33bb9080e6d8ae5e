import { createApp } from "vue";
import App from "./App.vue";
import { backendKey, tauriBackend } from "./api";
import { factsKey } from "./facts";
import "./style.css";

// The format's facts come from Rust before anything is shown.
void tauriBackend.formatFacts().then((facts) => {
  createApp(App).provide(backendKey, tauriBackend).provide(factsKey, facts).mount("#app");
});
