import { createApp } from "vue";
import App from "./App.vue";
import { backendKey, tauriBackend } from "./api";
import "./style.css";

createApp(App).provide(backendKey, tauriBackend).mount("#app");
