// The "Sensitive name" button of the rich text editor: the selected words are replaced by the
// chosen sensitive actor's public description, kept as an immutable entity that refers to the actor.
// The server writes the description again when it stores the text, so a name typed here never stays.
(function () {
  "use strict";

  var React = window.React;
  var DraftJS = window.DraftJS;
  var draftail = window.draftail;

  class SensitiveNameSource extends draftail.ModalWorkflowSource {
    getChooserConfig() {
      var urls = this.props.entityType.chooserUrls || {};
      return {
        url: urls.sensitiveActorChooser,
        urlParams: {},
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: { chosen: this.onChosen },
      };
    }

    filterEntityData(data) {
      return { id: Number(data.id), label: data.title };
    }

    onChosen(data) {
      var props = this.props;
      var content = props.editorState
        .getCurrentContent()
        .createEntity(props.entityType.type, "IMMUTABLE", this.filterEntityData(data));
      var entityKey = content.getLastCreatedEntityKey();
      var replaced = DraftJS.Modifier.replaceText(
        content,
        props.editorState.getSelection(),
        data.title,
        null,
        entityKey
      );
      if (this.workflow) {
        this.workflow.close();
      }
      props.onComplete(DraftJS.EditorState.push(props.editorState, replaced, "insert-characters"));
    }
  }

  function SensitiveName(props) {
    var data = props.contentState.getEntity(props.entityKey).getData();
    return React.createElement(
      "span",
      {
        className: "chasqui-sensitive-name",
        "data-sensitive-actor": data.id,
        title: data.label,
      },
      props.children
    );
  }

  draftail.registerPlugin(
    { type: "SENSITIVE_NAME", source: SensitiveNameSource, decorator: SensitiveName },
    "entityTypes"
  );
})();
