// The field being edited and what the editor knows around it (languages, options, modal), and
// the protocol state the page builds from them.
import {
  editorState,
  type EditorState,
  type FieldPluginOption,
  type StoryData,
} from './protocol.ts'
import type { Habits } from './habits.ts'
import type { EditorSettings } from './settings.ts'

const FIELD_NAME = 'asset'
const FIELD_TYPE = 'asset-uploader'
const STORY_ID = 100000001
const USER_ID = 1

export class Field {
  /** The stored value (undefined = never set, as in the plugin editor). */
  content: unknown
  /** `''` for the default language. */
  storyLanguage = ''
  interfaceLanguage = 'en'
  modalOpen = false
  /** `isAIEnabled`: whether the space has Storyblok's AI features on. */
  aiEnabled: boolean

  constructor(
    readonly blockUid: string,
    public options: FieldPluginOption[],
    private readonly settings: EditorSettings,
    private readonly habits: Habits,
  ) {
    this.content = habits.content
    this.aiEnabled = habits.aiEnabled
  }

  /** The story around the field, with the field's value in its content. */
  story(): StoryData {
    const content: Record<string, unknown> = { component: 'page', _uid: this.blockUid }
    if (this.content !== undefined) content[FIELD_NAME] = this.content
    return {
      id: STORY_ID,
      name: 'Local story',
      slug: 'local-story',
      full_slug: 'local-story',
      content,
    }
  }

  /** The state as the Visual Editor sends it, or as the official Sandbox does with `sandbox=1`. */
  state(): EditorState {
    const options = this.options
      .filter((option) => option.name.trim() !== '')
      .map(({ name, value }) => ({ name, value }))
    const common = {
      model: this.content,
      spaceId: this.habits.spaceId,
      interfaceLanguage: this.interfaceLanguage,
      isModalOpen: this.modalOpen,
      isAIEnabled: this.aiEnabled,
    }
    if (this.habits.sandbox) {
      // The Sandbox's story has no content, and its language field starts as 'default'.
      return editorState({
        ...common,
        language: this.storyLanguage || 'default',
        schema: { field_type: 'preview', options, translatable: false },
      })
    }
    return editorState({
      ...common,
      language: this.storyLanguage,
      userId: USER_ID,
      story: this.story(),
      storyId: STORY_ID,
      blockId: this.blockUid,
      token: this.settings.previewToken,
      schema: { field_type: FIELD_TYPE, options, translatable: true },
    })
  }
}
