import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { STORE_ENVIRONMENT, browserEnvironment } from './stores/environment'
import './styles.css'

createApp(App).provide(STORE_ENVIRONMENT, browserEnvironment()).use(createPinia()).mount('#app')

// Storyblok appends legacy field-type code after the plugin's bundle; throwing here stops it,
// exactly as the official field-plugin template does
// (https://github.com/storyblok/field-plugin/issues/107).
throw new Error(
  'This error can safely be ignored: it stops the legacy field plugin API. See https://github.com/storyblok/field-plugin/issues/107',
)
